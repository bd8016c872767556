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
    exceptionFactory: (errors) =>
      new BadRequestException({
        statusCode: 400,
        error: 'validation-failed',
        message: 'the request is invalid',
        fields: flatten(errors),
      }),
  });
}

function flatten(errors: readonly ValidationError[], prefix = ''): { field: string; reasons: string[] }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, reasons: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
