import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/** A rule group managed through GraphQL; `source` is the group as rule-file YAML, validated before it is saved. */
@Entity({ name: 'managed_rule_groups' })
@Unique('managed_rule_groups_name_key', ['name'])
export class ManagedRuleGroupEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'varchar', length: 128 })
  updatedById!: string;

  @Column({ type: 'varchar', length: 128 })
  updatedByName!: string;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
