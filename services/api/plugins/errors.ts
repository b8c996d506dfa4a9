// One error handler for the whole API: catalogue errors (PatchlensError) keep
// their code and status; schema validation failures become PL_ERR_BAD_INPUT
// naming the field; unknown routes PL_ERR_NOT_FOUND; anything else is logged
// with the request and answered as PL_ERR_INTERNAL without its message.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERRORS, formatError, PatchlensError, type ErrorCode } from '../../common/errors.js';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function errorBody(status: number, code: string, message: string) {
  return { statusCode: status, code, error: STATUS_TEXT[status] ?? 'Error', message };
}

function send(reply: FastifyReply, code: ErrorCode, params: Record<string, string | number>, status = ERRORS[code].status) {
  return reply.status(status).send(errorBody(status, code, formatError(code, params)));
}

/** `body/state` or the missing property → `state`; the context when nothing better is known. */
export function fieldOf(err: FastifyError): string {
  const v = err.validation?.[0];
  if (!v) return err.validationContext ?? 'request';
  const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
  const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
  return [path, missing].filter(Boolean).join('.') || err.validationContext || 'request';
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof PatchlensError) {
      if (err.status >= 500) req.log.error({ err }, err.message);
      return send(reply, err.code, err.params);
    }
    if (err.validation) {
      const v = err.validation[0];
      return send(reply, 'PL_ERR_BAD_INPUT', { field: fieldOf(err), reason: v?.message ?? err.message });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const status = err.statusCode;
      return reply.status(status).send(errorBody(status, status === 404 ? 'PL_ERR_NOT_FOUND' : 'PL_ERR_BAD_INPUT', err.message));
    }
    req.log.error({ err }, 'unhandled error');
    return send(reply, 'PL_ERR_INTERNAL', { reason: `${req.method} ${req.routeOptions.url ?? req.url}` });
  });
  app.setNotFoundHandler((req, reply) => send(reply, 'PL_ERR_NOT_FOUND', { what: 'route', id: `${req.method} ${req.url.split('?')[0]}` }));
}
