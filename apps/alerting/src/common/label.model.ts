import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('AlertLabel', { description: 'A label or an annotation: name and value' })
export class AlertLabelModel {
  @Field()
  name!: string;

  @Field()
  value!: string;
}

/** A label set as a list sorted by name, the order Prometheus prints labels in. */
export function toLabelModels(labels: Record<string, string>): AlertLabelModel[] {
  return Object.keys(labels)
    .sort()
    .map((name) => ({ name, value: labels[name] }));
}
