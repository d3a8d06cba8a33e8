import { connectionTypes } from '../../core/graphql/connection';
import { Task } from './task.entity';

export const { ConnectionType: TaskConnection } = connectionTypes(Task, 'Task', 'task');
