import { Field, ObjectType } from '@nestjs/graphql';
import { UserType } from '../../users/dto/user.type';

@ObjectType('SessionTokens', {
  description: 'A short-lived access token (JWT) and the opaque refresh token that renews it, once',
})
export class SessionTokensType {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`' })
  accessToken!: string;

  @Field()
  accessTokenExpiresAt!: Date;

  @Field({ description: 'Use once with refreshSession; it is replaced by the one returned' })
  refreshToken!: string;

  @Field()
  refreshTokenExpiresAt!: Date;

  @Field(() => UserType)
  user!: UserType;
}
