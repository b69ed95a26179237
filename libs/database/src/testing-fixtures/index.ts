// Fixtures for this lib's integration tests only (not part of the public API).
export { SampleNoteEntity, SampleNoteTagEntity } from './sample-note.entity';
export { CreateSampleNotes1700000000000 } from './migrations/1700000000000-create-sample-notes';
