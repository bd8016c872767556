import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/**
 * class-validator at the edge: unknown fields are refused, and every error names its field and
 * reason — `{ field: 'eligibleCost.amountMinor', reasons: ['must be a string of digits'] }`.
 */
export function ledgerValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}

export interface FieldProblem {
  readonly field: string;
  readonly reasons: readonly string[];
}

/** The 400 every invalid input gets, whoever finds it: the pipe, or a check on a path or query parameter. */
export function validationFailed(fields: readonly FieldProblem[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'validation-failed',
    message: 'the request is invalid',
    fields,
  });
}

/** One invalid input, e.g. `invalidField('bankId', 'must be 1 to 64 letters, digits or . _ -')`. */
export function invalidField(field: string, reason: string): BadRequestException {
  return validationFailed([{ field, reasons: [reason] }]);
}

function flatten(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, reasons: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
