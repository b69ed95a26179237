import { Module } from '@nestjs/common';
import { UserAccessEvents } from './user-access-events';
import { UsersRepository } from './users.repository';
import { UsersResolver } from './users.resolver';
import { UsersService } from './users.service';

@Module({
  providers: [UsersRepository, UsersService, UsersResolver, UserAccessEvents],
  exports: [UsersRepository, UsersService, UserAccessEvents],
})
export class UsersModule {}
