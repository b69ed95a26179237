// Lint fixture (never compiled): only repositories, entities and migrations may import TypeORM.
import { Repository } from 'typeorm';
export type Leak = Repository<object>;
