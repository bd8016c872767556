import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiExtraModels,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';

/** The refusals a command documents, each naming its error codes; `false` where it cannot happen. */
export interface CommandRefusals {
  readonly notFound?: string | false;
  readonly conflict?: string;
  readonly unprocessable?: string | false;
}

const IDEMPOTENCY_CONFLICT = '`idempotency-key-reused`: the Idempotency-Key was used for another request';

/** What every co-financing command documents: the idempotency header and the refusals. */
export function CommandDocs(refusals: CommandRefusals = {}) {
  const { notFound = 'an id that does not exist', conflict, unprocessable } = refusals;
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'repeat the same request with the same key and it takes effect once',
    }),
    ApiBadRequestResponse({
      description:
        '`validation-failed` (invalid input; `fields` names each field and why), `idempotency-key-required`; ' +
        'nothing is written',
    }),
    ...(notFound === false ? [] : [ApiNotFoundResponse({ description: notFound })]),
    ApiConflictResponse({ description: conflict ? `${conflict}; ${IDEMPOTENCY_CONFLICT}` : IDEMPOTENCY_CONFLICT }),
    ...(unprocessable === false
      ? []
      : [
          ApiUnprocessableEntityResponse({
            description: unprocessable ?? 'refused by a rule of the fund, with the figures',
          }),
        ]),
  );
}

/** A 200 answer that is one of several shapes (e.g. live figures, or figures as of a date). */
export function ApiOkOneOf(description: string, ...types: Type<unknown>[]) {
  return applyDecorators(
    ApiExtraModels(...types),
    ApiOkResponse({ description, schema: { oneOf: types.map((type) => ({ $ref: getSchemaPath(type) })) } }),
  );
}
