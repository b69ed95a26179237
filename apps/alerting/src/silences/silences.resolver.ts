import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, identityToActor, Roles, type Identity } from '@keel/auth';
import { Audited } from '@keel/graphql';
import { CreateSilenceInput, SilenceModel, SilenceStateEnum } from './silence.model';
import { toSilenceModel } from './silences.mapper';
import { SilencesService } from './silences.service';

@Resolver(() => SilenceModel)
export class SilencesResolver {
  constructor(private readonly service: SilencesService) {}

  @Query(() => [SilenceModel], { description: 'Silences, latest ending first' })
  async silences(
    @Args('state', { type: () => SilenceStateEnum, nullable: true }) state?: SilenceStateEnum,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first?: number,
  ): Promise<SilenceModel[]> {
    const now = Date.now();
    const all = (await this.service.list(Math.min(Math.max(first ?? 100, 1), 1000))).map((s) => toSilenceModel(s, now));
    return state ? all.filter((s) => s.state === state) : all;
  }

  @Mutation(() => SilenceModel, { description: 'Mutes the notifications of matching alerts from startsAt to endsAt' })
  @Roles('responder')
  @Audited({ resource: 'silence', resourceId: (_args, result) => (result as SilenceModel | undefined)?.id })
  async createSilence(
    @Args('input') input: CreateSilenceInput,
    @CurrentIdentity() identity: Identity,
  ): Promise<SilenceModel> {
    return toSilenceModel(await this.service.create(input, identityToActor(identity)));
  }

  @Mutation(() => SilenceModel, { description: 'Ends a silence now' })
  @Roles('responder')
  @Audited({ resource: 'silence', resourceId: (args) => String(args['id']) })
  async expireSilence(@Args('id', { type: () => ID }) id: string): Promise<SilenceModel> {
    return toSilenceModel(await this.service.expire(id));
  }
}
