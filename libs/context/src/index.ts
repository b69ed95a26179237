export { CORRELATION_HEADER, correlationIdFrom, newCorrelationId, sanitizeCorrelationId } from './correlation-id';
export { currentContext, currentCorrelationId, type RequestContext, runWithContext } from './request-context';
