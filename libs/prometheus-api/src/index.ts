export { errorTypeOfStatus, promSuccess, type PromError, type PromErrorType, type PromSuccess } from './envelope';
export { PrometheusApiExceptionFilter, type PromErrorMapping } from './prometheus-api-exception.filter';
