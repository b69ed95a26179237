import { Body, Controller, Post } from '@nestjs/common';
import { CurrentIdentity, type Identity } from '@keel/auth';
import { OnlyServices } from '../common/only-services.guard';
import { parseBody } from '../common/parse-body';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { CreateAdminUserBody, type CreatedAdminUserResponse } from './dto/create-admin-user.dto';

@Controller('internal/admin-users')
export class AdminBootstrapController {
  constructor(private readonly service: AdminBootstrapService) {}

  /** 201 with the new admin; 400 naming a broken rule (weak password, bad user name); 409 when the name is taken. */
  @Post()
  @OnlyServices('cli')
  async create(@Body() body: unknown, @CurrentIdentity() caller: Identity): Promise<CreatedAdminUserResponse> {
    const user = await this.service.createAdmin(parseBody(CreateAdminUserBody, body), caller);
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: [...user.roles],
      createdAt: user.createdAt.toISOString(),
    };
  }
}
