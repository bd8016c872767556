// Public door of @ledger/access: API keys, roles, the global access guard and its decorators.
export { AccessModule } from './access.module';
export { accessReadModels } from './read-models';
export { loadAccessConfig, DEFAULT_RATE_LIMIT_PER_MINUTE, type AccessConfig } from './access-config';
export { secureHeaders } from './secure-headers';
export { AccessService, type IssuedApiKey, type NewUser } from './application/access.service';
export { AccessStore, type ApiKeyView, type UserView } from './application/access.store';
export { RESERVED_USER_IDS, SYSTEM_ACTORS, isReservedUserId } from './domain/system-actors';
export { ADMIN_KEY_FILE } from './application/admin-key.bootstrap';
export { BankScoped, Public, ResourceAccess, Roles } from './application/access.decorators';
export { CurrentPrincipal, principalOf } from './application/request-principal';
export {
  ACCESS_POLICY,
  ADMIN_SETTLED_PROPOSALS,
  DEFAULT_POLICY,
  decideAccess,
  maySettleProposal,
  type ResourceFamily,
  type RouteAccess,
} from './domain/policy';
export { ANY_ROLE, AUDITOR_READ, ROLES, isRole, type Role } from './domain/roles';
export type { Principal } from './domain/principal';
export { generateApiKey, hashApiKey, keyIdOf, verifyApiKey } from './domain/api-key';
