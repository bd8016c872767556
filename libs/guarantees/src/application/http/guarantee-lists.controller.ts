import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ResourceAccess } from '@ledger/access';
import { LIST_LIMIT_DEFAULT, PageDto, offsetOf, pageFrom } from '@ledger/platform';
import { GuaranteesReadModel } from '../queries/guarantees.read-model';
import {
  ConventionListItemDto,
  GuaranteeListItemDto,
  ListConventionsQueryDto,
  ListGuaranteesQueryDto,
} from './dto/list-guarantees.dto';

const CONVENTIONS_LIST = 'bank-conventions';
const GUARANTEES_LIST = 'guarantees';

/**
 * The officers' and auditors' lists across companies: every convention with its company's name,
 * and the guarantees by company, member, convention, state or loan reference. Not for banks
 * (`guarantees` family: 403): a bank lists its own under `/banks/:bankId/…`.
 */
@ApiTags('mutual guarantee: lists')
@ResourceAccess('guarantees')
@Controller()
export class GuaranteeListsController {
  constructor(private readonly readModel: GuaranteesReadModel) {}

  @Get('bank-conventions')
  @ApiOperation({ summary: 'List conventions with their company’s name, by company, bank and status today' })
  @ApiOkResponse({
    type: PageDto(ConventionListItemDto),
    description: '`{ items, total, nextCursor? }` by signing date',
  })
  @ApiBadRequestResponse({ description: '`validation-failed` (a limit out of 1..200, a bad filter); `invalid-cursor`' })
  @ApiUnauthorizedResponse({ description: 'no or unknown API key' })
  @ApiForbiddenResponse({ description: 'not a guarantee officer, auditor or admin (a bank: 403)' })
  async conventions(@Query() query: ListConventionsQueryDto) {
    const { limit = LIST_LIMIT_DEFAULT, cursor, ...filter } = query;
    const offset = offsetOf(CONVENTIONS_LIST, cursor);
    const { items, total } = await this.readModel.conventions(filter, offset, limit);
    return pageFrom(CONVENTIONS_LIST, items, offset, total);
  }

  @Get('guarantees')
  @ApiOperation({ summary: 'List guarantees by company, member, convention, state or loan reference (any case)' })
  @ApiOkResponse({
    type: PageDto(GuaranteeListItemDto),
    description: '`{ items, total, nextCursor? }` by issuing date',
  })
  @ApiBadRequestResponse({ description: '`validation-failed` (a limit out of 1..200, a bad filter); `invalid-cursor`' })
  @ApiUnauthorizedResponse({ description: 'no or unknown API key' })
  @ApiForbiddenResponse({ description: 'not a guarantee officer, auditor or admin (a bank: 403)' })
  async guarantees(@Query() query: ListGuaranteesQueryDto) {
    const { limit = LIST_LIMIT_DEFAULT, cursor, ...filter } = query;
    const offset = offsetOf(GUARANTEES_LIST, cursor);
    const { items, total } = await this.readModel.guarantees(filter, offset, limit);
    return pageFrom(GUARANTEES_LIST, items, offset, total);
  }
}
