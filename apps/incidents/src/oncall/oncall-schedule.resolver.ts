import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, identityToActor, Roles, type Identity } from '@keel/auth';
import { Audited } from '@keel/graphql';
import { AddScheduleOverrideInput } from './dto/add-schedule-override.input';
import { SaveOncallScheduleInput } from './dto/save-oncall-schedule.input';
import { toOncallScheduleModel, toOnCallShiftModel } from './oncall-schedule.mapper';
import { OncallScheduleModel, OnCallShiftModel } from './oncall-schedule.model';
import { MAX_SHIFT_RANGE_DAYS, OncallScheduleService } from './oncall-schedule.service';

/** Every on-call mutation is audited on resource `oncall_schedule` with the schedule's name as its id. */
const byName = (name: unknown): string | undefined => (typeof name === 'string' ? name : undefined);
const inputField = (args: Record<string, unknown>, key: string): unknown =>
  (args['input'] as Record<string, unknown> | undefined)?.[key];

@Resolver(() => OncallScheduleModel)
export class OncallScheduleResolver {
  constructor(private readonly service: OncallScheduleService) {}

  @Query(() => [OncallScheduleModel], { description: 'On-call schedules by name' })
  async oncallSchedules(): Promise<OncallScheduleModel[]> {
    return (await this.service.list()).map(toOncallScheduleModel);
  }

  @Query(() => OncallScheduleModel)
  async oncallSchedule(@Args('name') name: string): Promise<OncallScheduleModel> {
    return toOncallScheduleModel(await this.service.get(name));
  }

  @Query(() => OnCallShiftModel, {
    nullable: true,
    description:
      'The shift containing `at` (default: now), or null when nobody is on call then. Its start and end are ' +
      'looked up at most 400 days either side of `at`.',
  })
  async onCallNow(
    @Args('schedule') schedule: string,
    @Args('at', { type: () => Date, nullable: true }) at?: Date | null,
  ): Promise<OnCallShiftModel | null> {
    const shift = await this.service.onCallNow(schedule, at ?? undefined);
    return shift ? toOnCallShiftModel(shift) : null;
  }

  @Query(() => [OnCallShiftModel], {
    description: `The final shifts in [from, to), clipped to it, in order; at most ${MAX_SHIFT_RANGE_DAYS} days`,
  })
  async oncallShifts(
    @Args('schedule') schedule: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
  ): Promise<OnCallShiftModel[]> {
    return (await this.service.shifts(schedule, from, to)).map(toOnCallShiftModel);
  }

  @Mutation(() => OncallScheduleModel, {
    description:
      'Creates a schedule (expectedVersion absent) or replaces its time zone and layers at exactly expectedVersion; ' +
      'its overrides are kept',
  })
  @Roles('admin')
  @Audited({ resource: 'oncall_schedule', resourceId: (args) => byName(inputField(args, 'name')) })
  async saveOncallSchedule(
    @Args('input') input: SaveOncallScheduleInput,
    @CurrentIdentity() identity: Identity,
  ): Promise<OncallScheduleModel> {
    return toOncallScheduleModel(await this.service.save(input, identityToActor(identity)));
  }

  @Mutation(() => OncallScheduleModel, { description: 'Puts a user on call above every layer from start to end' })
  @Roles('responder')
  @Audited({ resource: 'oncall_schedule', resourceId: (args) => byName(inputField(args, 'schedule')) })
  async addScheduleOverride(
    @Args('input') input: AddScheduleOverrideInput,
    @CurrentIdentity() identity: Identity,
  ): Promise<OncallScheduleModel> {
    return toOncallScheduleModel(await this.service.addOverride(input, identityToActor(identity)));
  }

  @Mutation(() => OncallScheduleModel)
  @Roles('responder')
  @Audited({ resource: 'oncall_schedule', resourceId: (args) => byName(args['schedule']) })
  async removeScheduleOverride(
    @Args('schedule') schedule: string,
    @Args('overrideId', { type: () => ID }) overrideId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @CurrentIdentity() identity: Identity,
  ): Promise<OncallScheduleModel> {
    return toOncallScheduleModel(
      await this.service.removeOverride(schedule, overrideId, expectedVersion, identityToActor(identity)),
    );
  }

  @Mutation(() => Boolean, { description: 'Deletes a schedule at exactly expectedVersion' })
  @Roles('admin')
  @Audited({ resource: 'oncall_schedule', resourceId: (args) => byName(args['name']) })
  async deleteOncallSchedule(
    @Args('name') name: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
  ): Promise<boolean> {
    await this.service.delete(name, expectedVersion);
    return true;
  }
}
