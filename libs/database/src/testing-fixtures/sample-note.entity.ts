// Entities used by this lib's own integration tests: they show the naming strategy at work and give
// the drift check something real to compare. Not exported.
import { Column, CreateDateColumn, Entity, Index, ManyToOne, OneToMany, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity('sample_notes')
export class SampleNoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'integer', default: 0 })
  viewCount!: number;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  authorId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @OneToMany(() => SampleNoteTagEntity, (tag) => tag.note)
  tags!: SampleNoteTagEntity[];
}

@Entity()
@Unique(['note', 'label'])
export class SampleNoteTagEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @ManyToOne(() => SampleNoteEntity, (note) => note.tags, { onDelete: 'CASCADE', nullable: false })
  note!: SampleNoteEntity;

  @Column({ type: 'varchar', length: 40 })
  label!: string;
}
