import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';

/** What every co-financing command documents: the idempotency header and the refusals. */
export function CommandDocs() {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'repeat the same request with the same key and it takes effect once',
    }),
    ApiBadRequestResponse({ description: 'invalid input; `fields` names each field and why' }),
    ApiNotFoundResponse({ description: 'an id that does not exist' }),
    ApiConflictResponse({ description: 'illegal transition, or an Idempotency-Key reused for another request' }),
    ApiUnprocessableEntityResponse({ description: 'refused by a rule of the fund, with the figures' }),
  );
}
