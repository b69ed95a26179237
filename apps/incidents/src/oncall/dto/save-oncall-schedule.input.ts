import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { RotationTypeEnum, WeekdayEnum } from '../oncall-schedule.model';
import type { RotationType, Weekday } from '../schedule.types';

@InputType()
export class TimeRestrictionInput {
  @Field(() => [WeekdayEnum])
  days!: Weekday[];

  @Field({ description: 'HH:MM in the schedule time zone' })
  startTime!: string;

  @Field({ description: 'HH:MM in the schedule time zone; not after startTime: ends the next day' })
  endTime!: string;
}

@InputType()
export class RotationLayerInput {
  @Field(() => ID, { nullable: true, description: 'Assigned (a UUID) when absent' })
  id?: string | null;

  @Field(() => [ID], { description: 'User ids in rotation order' })
  participants!: string[];

  @Field(() => RotationTypeEnum)
  rotation!: RotationType;

  @Field(() => Int, { nullable: true, description: 'CUSTOM rotations only: 1 to 8760' })
  shiftLengthHours?: number | null;

  @Field({ description: 'HH:MM in the schedule time zone' })
  handoffTime!: string;

  @Field(() => WeekdayEnum, { nullable: true, description: 'WEEKLY rotations only' })
  handoffWeekday?: Weekday | null;

  @Field({ description: 'participants[0] is on call from here until the first hand-off after it' })
  start!: Date;

  @Field(() => [TimeRestrictionInput], { nullable: true })
  restrictions?: TimeRestrictionInput[] | null;
}

@InputType()
export class SaveOncallScheduleInput {
  @Field({ description: '1 to 100 characters, unique' })
  name!: string;

  @Field({ description: 'IANA time zone, e.g. Europe/Berlin' })
  timeZone!: string;

  @Field(() => [RotationLayerInput], { description: 'Lowest first' })
  layers!: RotationLayerInput[];

  @Field(() => Int, {
    nullable: true,
    description: 'Absent: create a new schedule. Present: replace the schedule at exactly this version',
  })
  expectedVersion?: number | null;
}
