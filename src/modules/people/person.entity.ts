import { Field, ObjectType } from 'type-graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { sqlIn } from '../../core/db/schema-decorators';
import { Node } from '../../core/graphql/node';
import { AccessLevel, Discipline } from './people.enums';

@Entity({ name: 'people' })
@Check('people_name_check', 'length(btrim(name)) BETWEEN 1 AND 200')
@Check('people_email_check', `position('@' IN email) > 1`)
@Check('people_discipline_check', sqlIn('discipline', Discipline))
@Check('people_access_level_check', sqlIn('access_level', AccessLevel))
@Index('people_email_lower_key', { synchronize: false }) // unique on lower(email)
@Index('people_name_id_idx', ['name', 'id'])
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'A person at the company: a PM, a PMM, an engineer, a seller, ...',
})
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String, { description: 'Full name.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { description: 'Email address, unique regardless of case.' })
  @Column({ type: 'text' })
  email: string;

  @Field(() => Discipline, { description: "The person's function." })
  @Column({ type: 'text' })
  discipline: Discipline;

  @Field(() => AccessLevel, { description: 'What the person may do through the API.' })
  @Column({ name: 'access_level', type: 'text' })
  accessLevel: AccessLevel;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
