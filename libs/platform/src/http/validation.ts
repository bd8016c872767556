import {
  BadRequestException,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
  type ValidationPipeOptions,
} from '@nestjs/common';
import { BUSINESS_DATE_IN_WINDOW } from './dto/business-date.decorator';
import {
  businessDateWindow,
  withBusinessDateRules,
  type BusinessDateKind,
  type BusinessDateRules,
} from './dto/business-date-window';

/**
 * class-validator at the edge: unknown fields are refused, and every error names its field and
 * reason — `{ field: 'eligibleCost.amountMinor', reasons: ['must be a string of digits'] }`.
 * Business dates are checked against `rules` (the configured window and the ledger's clock; the
 * defaults without): an input whose only problems are dates outside the window gets 400
 * `business-date-out-of-range`, any other invalid input 400 `validation-failed`.
 */
export function ledgerValidationPipe(rules?: BusinessDateRules): ValidationPipe {
  return new LedgerValidationPipe(
    {
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      exceptionFactory: (errors) => {
        const problems = flatten(errors);
        const onlyDates = problems.every(({ constraints }) =>
          constraints.every((name) => name === BUSINESS_DATE_IN_WINDOW),
        );
        return problems.length > 0 && onlyDates
          ? businessDateOutOfRange(problems)
          : validationFailed(problems.map(({ field, reasons }) => ({ field, reasons })));
      },
    },
    rules,
  );
}

/** The pipe, validating each input under the business-date rules it was given. */
class LedgerValidationPipe extends ValidationPipe {
  constructor(
    options: ValidationPipeOptions,
    private readonly rules: BusinessDateRules | undefined,
  ) {
    super(options);
  }

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const rules = this.rules;
    if (!rules) return super.transform(value, metadata);
    return withBusinessDateRules(rules, () => super.transform(value, metadata));
  }
}

export interface FieldProblem {
  readonly field: string;
  readonly reasons: readonly string[];
}

/** Business dates outside the window, and nothing else wrong: 400 `business-date-out-of-range`. */
function businessDateOutOfRange(problems: readonly Problem[]): BadRequestException {
  const [first] = problems;
  const { earliest, latest } = businessDateWindow(first.dateKind ?? 'happened');
  return new BadRequestException({
    statusCode: 400,
    error: 'business-date-out-of-range',
    message: problems.flatMap((problem) => problem.reasons).join('; '),
    details: { field: first.field, earliest, latest },
    fields: problems.map(({ field, reasons }) => ({ field, reasons })),
  });
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

interface Problem extends FieldProblem {
  readonly constraints: readonly string[];
  /** For a business date outside its window: which window. */
  readonly dateKind?: BusinessDateKind;
}

function flatten(errors: readonly ValidationError[], prefix = ''): Problem[] {
  return errors.flatMap((error): Problem[] => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const context = error.contexts?.[BUSINESS_DATE_IN_WINDOW] as { kind?: BusinessDateKind } | undefined;
    const own = error.constraints
      ? [
          {
            field,
            reasons: Object.values(error.constraints),
            constraints: Object.keys(error.constraints),
            dateKind: context?.kind,
          },
        ]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
