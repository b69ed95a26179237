import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AdminBootstrapController } from './admin-bootstrap.controller';
import { AdminBootstrapService } from './admin-bootstrap.service';

@Module({
  imports: [UsersModule],
  controllers: [AdminBootstrapController],
  providers: [AdminBootstrapService],
})
export class BootstrapModule {}
