import { Injectable } from '@nestjs/common';
import { TurnBatcher } from '../common/turn-batcher';
import { type IncidentState, IncidentStateRepository } from './incident-state.repository';

/** Incident states for field resolvers, read in one `loadMany` per turn (four statements for a whole list). */
@Injectable()
export class IncidentStates extends TurnBatcher<IncidentState> {
  constructor(repository: IncidentStateRepository) {
    super((ids) => repository.loadMany(ids));
  }
}
