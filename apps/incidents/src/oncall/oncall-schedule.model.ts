import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { UserReference } from '../incidents/incident.model';
import { ROTATION_TYPES, WEEKDAYS, type RotationType, type Weekday } from './schedule.types';

// GraphQL enums mirror the pure module's lists (MONDAY ↔ 'monday'), so the API and the rules cannot drift apart.
export const WeekdayEnum = Object.fromEntries(WEEKDAYS.map((v) => [v.toUpperCase(), v])) as {
  [K in Weekday as Uppercase<K>]: K;
};
export const RotationTypeEnum = Object.fromEntries(ROTATION_TYPES.map((v) => [v.toUpperCase(), v])) as {
  [K in RotationType as Uppercase<K>]: K;
};
export enum ShiftSourceKindEnum {
  LAYER = 'layer',
  OVERRIDE = 'override',
}
registerEnumType(WeekdayEnum, { name: 'Weekday' });
registerEnumType(RotationTypeEnum, {
  name: 'RotationType',
  description: 'DAILY and WEEKLY hand over at handoffTime; CUSTOM every shiftLengthHours wall-clock hours',
});
registerEnumType(ShiftSourceKindEnum, { name: 'ShiftSourceKind' });

@ObjectType('TimeRestriction', {
  description: 'A window starting on each of `days` at startTime, ending at endTime (the next day if not after it)',
})
export class TimeRestrictionModel {
  @Field(() => [WeekdayEnum])
  days!: Weekday[];

  @Field({ description: 'HH:MM in the schedule time zone' })
  startTime!: string;

  @Field({ description: 'HH:MM in the schedule time zone' })
  endTime!: string;
}

@ObjectType('RotationLayer')
export class RotationLayerModel {
  @Field(() => ID)
  id!: string;

  @Field(() => [UserReference], { description: 'In rotation order (resolved by the identity subgraph)' })
  participants!: UserReference[];

  @Field(() => RotationTypeEnum)
  rotation!: RotationType;

  @Field(() => Int, { nullable: true, description: 'CUSTOM rotations only' })
  shiftLengthHours?: number | null;

  @Field({ description: 'HH:MM in the schedule time zone' })
  handoffTime!: string;

  @Field(() => WeekdayEnum, { nullable: true, description: 'WEEKLY rotations only' })
  handoffWeekday?: Weekday | null;

  @Field()
  start!: Date;

  @Field(() => [TimeRestrictionModel], { description: 'Empty: the layer is active all the time' })
  restrictions!: TimeRestrictionModel[];
}

@ObjectType('ScheduleOverride')
export class ScheduleOverrideModel {
  @Field(() => ID)
  id!: string;

  @Field(() => UserReference)
  user!: UserReference;

  @Field()
  start!: Date;

  @Field()
  end!: Date;
}

@ObjectType('OncallSchedule')
export class OncallScheduleModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'IANA time zone, e.g. Europe/Berlin' })
  timeZone!: string;

  @Field(() => [RotationLayerModel], { description: 'Lowest first: a later layer beats an earlier one' })
  layers!: RotationLayerModel[];

  @Field(() => [ScheduleOverrideModel], { description: 'Beat every layer; never overlap each other' })
  overrides!: ScheduleOverrideModel[];

  @Field(() => Int, { description: 'Pass it as expectedVersion to change the schedule' })
  version!: number;

  @Field()
  updatedAt!: Date;
}

@ObjectType('OnCallShift', { description: 'A user on call from start (inclusive) to end (exclusive)' })
export class OnCallShiftModel {
  @Field(() => UserReference)
  user!: UserReference;

  @Field()
  start!: Date;

  @Field()
  end!: Date;

  @Field(() => ShiftSourceKindEnum)
  sourceKind!: ShiftSourceKindEnum;

  @Field(() => ID, { description: 'The id of the layer or override the shift comes from' })
  sourceId!: string;
}
