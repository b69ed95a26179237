import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, identityToActor, Roles, type Identity } from '@keel/auth';
import { Audited } from '@keel/graphql';
import { TurnBatcher } from '../common/turn-batcher';
import { IncidentModel } from '../incidents/incident.model';
import { CONTRIBUTING_FACTOR_CATEGORIES } from './contributing-factors';
import { AddActionItemInput, UpdateActionItemInput } from './dto/action-item.input';
import { UpdatePostMortemInput } from './dto/update-post-mortem.input';
import { toActionItemModel, toPostMortemModel } from './post-mortem.mapper';
import {
  ActionItemModel,
  ContributingFactorCategoryModel,
  PostMortemModel,
  PostMortemStatusEnum,
} from './post-mortem.model';
import type { StoredPostMortem } from './post-mortem.repository';
import { MAX_PAGE, PostMortemService } from './post-mortem.service';
import type { PostMortemStatus } from './post-mortem.types';

// Post-mortem mutations are audited on resource `post_mortem` (its id), action item changes on `action_item`.
const idArg =
  (key: string) =>
  (args: Record<string, unknown>): string | undefined =>
    typeof args[key] === 'string' ? args[key] : undefined;
const resultId = (_args: Record<string, unknown>, result: unknown): string | undefined =>
  (result as { id?: string } | undefined)?.id;

@Resolver(() => PostMortemModel)
export class PostMortemResolver {
  constructor(private readonly service: PostMortemService) {}

  @Query(() => PostMortemModel)
  async postMortem(@Args('id', { type: () => ID }) id: string): Promise<PostMortemModel> {
    return toPostMortemModel(await this.service.get(id));
  }

  @Query(() => [PostMortemModel], { description: `Most recently changed first; first from 1 to ${MAX_PAGE}` })
  async postMortems(
    @Args('status', { type: () => PostMortemStatusEnum, nullable: true }) status?: PostMortemStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first?: number,
  ): Promise<PostMortemModel[]> {
    return (await this.service.list(status ?? undefined, first)).map((stored) => toPostMortemModel(stored));
  }

  @Query(() => String, { description: 'The post-mortem exported as a Markdown document' })
  async postMortemMarkdown(@Args('id', { type: () => ID }) id: string): Promise<string> {
    return this.service.markdown(id);
  }

  @Query(() => [ActionItemModel], {
    description: 'Open and in-progress action items whose due day (UTC) has ended, the longest overdue first',
  })
  async overdueActionItems(): Promise<ActionItemModel[]> {
    const now = new Date();
    return (await this.service.overdue(now)).map((item) => toActionItemModel(item, now));
  }

  @Query(() => [ContributingFactorCategoryModel], {
    description: 'The categories contributing factors are chosen from',
  })
  contributingFactorTaxonomy(): ContributingFactorCategoryModel[] {
    return CONTRIBUTING_FACTOR_CATEGORIES.map((c) => ({ category: c.id, label: c.label, description: c.description }));
  }

  @ResolveField(() => String, { description: 'The Markdown export (as postMortemMarkdown)' })
  async markdown(@Parent() postMortem: PostMortemModel): Promise<string> {
    return this.service.markdown(postMortem.id);
  }

  @Mutation(() => PostMortemModel, {
    description:
      'Drafts the post-mortem of a mitigated or resolved incident, prefilled from it (P0/P1 incidents get theirs ' +
      'automatically at mitigation). The owner defaults to the incident commander, else the caller',
  })
  @Roles('responder')
  @Audited({ resource: 'post_mortem', resourceId: resultId })
  async createPostMortem(
    @Args('incidentId', { type: () => ID }) incidentId: string,
    @Args('ownerId', { type: () => ID, nullable: true }) ownerId: string | null | undefined,
    @CurrentIdentity() identity: Identity,
  ): Promise<PostMortemModel> {
    return toPostMortemModel(await this.service.create(incidentId, identityToActor(identity), ownerId));
  }

  @Mutation(() => PostMortemModel, {
    description: 'Edits the draft (any responder) or its reviewers (owner or admin) at exactly expectedVersion',
  })
  @Roles('responder')
  @Audited({ resource: 'post_mortem', resourceId: idArg('id') })
  async updatePostMortem(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('patch') patch: UpdatePostMortemInput,
    @CurrentIdentity() identity: Identity,
  ): Promise<PostMortemModel> {
    return toPostMortemModel(await this.service.update(id, expectedVersion, patch, identityToActor(identity)));
  }

  @Mutation(() => PostMortemModel, { description: 'DRAFT → IN_REVIEW (owner or admin); every section must be filled' })
  @Roles('responder')
  @Audited({ resource: 'post_mortem', resourceId: idArg('id') })
  async submitPostMortemForReview(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @CurrentIdentity() identity: Identity,
  ): Promise<PostMortemModel> {
    return toPostMortemModel(
      await this.service.transition(id, expectedVersion, 'submit_for_review', identityToActor(identity)),
    );
  }

  @Mutation(() => PostMortemModel, {
    description: 'IN_REVIEW → PUBLISHED by a reviewer or an admin, never the owner; noted on the incident timeline',
  })
  @Roles('responder')
  @Audited({ resource: 'post_mortem', resourceId: idArg('id') })
  async publishPostMortem(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @CurrentIdentity() identity: Identity,
  ): Promise<PostMortemModel> {
    return toPostMortemModel(await this.service.transition(id, expectedVersion, 'publish', identityToActor(identity)));
  }

  @Mutation(() => PostMortemModel, { description: 'IN_REVIEW → DRAFT with a reason (owner, reviewer or admin)' })
  @Roles('responder')
  @Audited({ resource: 'post_mortem', resourceId: idArg('id') })
  async returnPostMortemToDraft(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('reason') reason: string,
    @CurrentIdentity() identity: Identity,
  ): Promise<PostMortemModel> {
    return toPostMortemModel(
      await this.service.transition(id, expectedVersion, 'return_to_draft', identityToActor(identity), reason),
    );
  }

  @Mutation(() => PostMortemModel, {
    description: "Adds an action item to the draft at the post-mortem's expectedVersion (its version goes up)",
  })
  @Roles('responder')
  @Audited({ resource: 'post_mortem', resourceId: idArg('postMortemId') })
  async addActionItem(
    @Args('postMortemId', { type: () => ID }) postMortemId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input') input: AddActionItemInput,
    @CurrentIdentity() identity: Identity,
  ): Promise<PostMortemModel> {
    return toPostMortemModel(
      await this.service.addActionItem(
        postMortemId,
        expectedVersion,
        { ...input, required: input.required ?? false },
        identityToActor(identity),
      ),
    );
  }

  @Mutation(() => ActionItemModel, {
    description: "Edits an action item (also after publication) at the item's own expectedVersion",
  })
  @Roles('responder')
  @Audited({ resource: 'action_item', resourceId: idArg('id') })
  async updateActionItem(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('patch') patch: UpdateActionItemInput,
    @CurrentIdentity() identity: Identity,
  ): Promise<ActionItemModel> {
    return toActionItemModel(
      await this.service.updateActionItem(id, expectedVersion, patch, identityToActor(identity)),
    );
  }

  @Mutation(() => ActionItemModel, { description: "Marks an action item DONE at the item's expectedVersion" })
  @Roles('responder')
  @Audited({ resource: 'action_item', resourceId: idArg('id') })
  async completeActionItem(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('note', { type: () => String, nullable: true }) note: string | null | undefined,
    @CurrentIdentity() identity: Identity,
  ): Promise<ActionItemModel> {
    return toActionItemModel(
      await this.service.completeActionItem(id, expectedVersion, identityToActor(identity), note),
    );
  }
}

/** `Incident.postMortem`: the incident's post-mortem, or null while it has none. */
@Resolver(() => IncidentModel)
export class IncidentPostMortemResolver {
  /** The post-mortems of every incident of one answer with their action items, in two statements. */
  private readonly postMortems: TurnBatcher<StoredPostMortem>;

  constructor(service: PostMortemService) {
    this.postMortems = new TurnBatcher((ids) => service.forIncidents(ids));
  }

  @ResolveField(() => PostMortemModel, { nullable: true, description: 'Its post-mortem, or null while it has none' })
  async postMortem(@Parent() incident: IncidentModel): Promise<PostMortemModel | null> {
    const stored = await this.postMortems.load(incident.id);
    return stored ? toPostMortemModel(stored) : null;
  }
}
