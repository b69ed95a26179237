import { Module } from '@nestjs/common';
import { OncallScheduleRepository } from './oncall-schedule.repository';
import { OncallScheduleResolver } from './oncall-schedule.resolver';
import { OncallScheduleService } from './oncall-schedule.service';

@Module({
  providers: [OncallScheduleRepository, OncallScheduleService, OncallScheduleResolver],
})
export class OncallModule {}
