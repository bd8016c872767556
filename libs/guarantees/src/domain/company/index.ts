// A mutual guarantee company (members, capital, guarantee fund): stream `streamIds.company(id)`.
export * from './events';
export * from './state';
export * from './guards';
export { decideCompany, type CompanyCommand } from './decide';
export * from './decide-correction';
