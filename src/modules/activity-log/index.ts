// The write side of the activity log: every module that changes a launch
// appends here; the activity module reads the rows back. It sits below the
// other modules so that they can write to it without importing each other.
export { ActivityType } from './activity-log.enums';
export {
  changeWithActivity,
  recordActivity,
  type ActivityEntry,
  type FieldChange,
} from './activity-log.service';
export { LAUNCH_CHANNEL, parseNotification } from './activity-notification.sql';
export {
  changedFields,
  comparedFields,
  createdFields,
  deletedFields,
  type FieldPair,
  type FieldValue,
} from './field-changes.rules';
