import { readFileSync } from 'node:fs';
import { createGatewayRuntime, type GatewayPlugin, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { AuthError, type TokenService } from '@keel/auth';
import { currentCorrelationId } from '@keel/context';
import { withSubgraphUrls } from '@keel/graphql';
import { subgraphUrls, type GatewayConfig } from '../config';
import { EdgeAuthenticator, serviceBaseUrl, type EdgeAuthResult } from '../edge-auth/edge-authenticator';
import { isAnonymousOperation } from '../edge-auth/public-operations';
import { operationLimitsRule } from '../limits/operation-limits';

interface KeelGatewayContext {
  keelAuth?: EdgeAuthResult;
}

function unauthenticated(): GraphQLError {
  return new GraphQLError('authentication required', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}

/** Authentication at the edge: who is calling decides the token the subgraphs receive. */
function edgeAuthPlugin(authenticator: EdgeAuthenticator): GatewayPlugin<KeelGatewayContext> {
  return {
    async onContextBuilding({ context, extendContext }) {
      try {
        const keelAuth = await authenticator.authenticate(context.request.headers.get('authorization'));
        extendContext({ keelAuth });
      } catch (error) {
        if (error instanceof AuthError) throw unauthenticated();
        throw error;
      }
    },
    onExecute({ args }) {
      const auth = (args.contextValue as KeelGatewayContext).keelAuth;
      if (auth?.kind !== 'identified' && !isAnonymousOperation(args.document, args.operationName))
        throw unauthenticated();
    },
  };
}

function limitsPlugin(config: GatewayConfig): GatewayPlugin {
  const rule = operationLimitsRule({
    maxDepth: config.GRAPHQL_MAX_DEPTH,
    maxAliases: config.GRAPHQL_MAX_ALIASES,
    maxCost: config.GRAPHQL_MAX_COST,
  });
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(rule);
    },
  };
}

/**
 * The federation gateway: Hive Gateway's runtime (MIT) over the committed, statically composed supergraph,
 * pointed at the subgraph URLs of this deployment.
 */
export function createKeelGateway(config: GatewayConfig, tokens: TokenService): GatewayRuntime<KeelGatewayContext> {
  const supergraph = withSubgraphUrls(readFileSync(config.SUPERGRAPH_FILE, 'utf8'), subgraphUrls(config));
  const authenticator = new EdgeAuthenticator(tokens, serviceBaseUrl(config.IDENTITY_URL));
  const production = config.NODE_ENV === 'production';
  return createGatewayRuntime<KeelGatewayContext>({
    supergraph: () => supergraph,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: !production,
    maskedErrors: true,
    cors: {
      origin: config.CORS_ORIGINS,
      credentials: true,
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type', 'x-correlation-id'],
    },
    ...(production ? { disableIntrospection: { disableIf: () => true } } : {}),
    upstreamTimeout: config.UPSTREAM_TIMEOUT_MS,
    logging: config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace' ? 'debug' : 'warn',
    propagateHeaders: {
      fromClientToSubgraphs: ({ context }) => {
        const auth = context.keelAuth;
        const token = auth?.kind === 'identified' ? auth.forwardToken : authenticator.serviceToken();
        return {
          authorization: `Bearer ${token}`,
          'x-correlation-id': currentCorrelationId() ?? context.request.headers.get('x-correlation-id') ?? undefined,
        };
      },
    },
    plugins: () => [edgeAuthPlugin(authenticator), limitsPlugin(config)],
  });
}
