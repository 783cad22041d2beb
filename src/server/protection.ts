/** Request-level protections that graphql-armor does not cover: body size and execution time. */
import { useOnResolve } from '@envelop/on-resolve';
import type { Plugin } from 'graphql-yoga';
import { TimeoutError } from '../model/errors.js';
import type { Context } from '../schema/index.js';

const limitError = (message: string, limit: string, allowed: number) => ({
  errors: [{ message, extensions: { code: 'LIMIT_EXCEEDED', limit, allowed } }],
});

/**
 * Refuses bodies over the limit before they are read. Bodies must declare their length: a
 * chunked body could only be measured by reading it, which is what a flood wants us to do.
 */
export function bodyLimitPlugin(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const declared = request.headers.get('content-length');
      if (declared === null) {
        endResponse(
          fetchAPI.Response.json(
            limitError('request bodies must declare their Content-Length', 'maxBodyBytes', maxBytes),
            {
              status: 411,
            },
          ),
        );
      } else if (Number(declared) > maxBytes) {
        endResponse(
          fetchAPI.Response.json(
            limitError(`request body is larger than ${maxBytes} bytes`, 'maxBodyBytes', maxBytes),
            {
              status: 413,
            },
          ),
        );
      }
    },
  };
}

/**
 * Cuts an execution that runs past its deadline. Resolvers here are synchronous, so the check
 * runs before each resolver: a runaway query stops at the next field instead of hanging.
 */
export function timeoutPlugins(timeoutMs: number): Plugin<Context>[] {
  return [
    {
      onContextBuilding({ extendContext }) {
        extendContext({ deadline: performance.now() + timeoutMs });
      },
    },
    useOnResolve<Context>(({ context }) => {
      if (context.deadline !== undefined && performance.now() > context.deadline) {
        throw new TimeoutError(timeoutMs);
      }
    }) as Plugin<Context>,
  ];
}
