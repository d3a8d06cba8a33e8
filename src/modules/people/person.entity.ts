import { Field, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Node } from '../../core/graphql/node';
import { AccessLevel, Discipline } from './people.enums';

@Entity({ name: 'people' })
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
