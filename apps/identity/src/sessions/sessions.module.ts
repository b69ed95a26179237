import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { RefreshSessionsRepository } from './refresh-sessions.repository';
import { SessionsResolver } from './sessions.resolver';
import { SessionsService } from './sessions.service';

@Module({
  imports: [UsersModule],
  providers: [RefreshSessionsRepository, SessionsService, SessionsResolver],
})
export class SessionsModule {}
