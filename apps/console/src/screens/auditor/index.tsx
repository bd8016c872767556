import { Route, Routes } from 'react-router';
import type { NavItem } from '../../shell';
import { Access } from './access';
import { AsOf } from './as-of';
import { Exports } from './exports';
import { Monitoring } from './monitoring';
import { EventDetail, Timeline } from './timeline';
import { Verify } from './verify';
import './auditor.css';

/**
 * The auditor's links in the console's menu (paths relative to its section). An admin gets the
 * same section: every route these screens read is open to both roles (AUDITOR_READ, the audit
 * routes' default policy, and `/access/denials|changes` for admins and auditors).
 */
export const nav: readonly NavItem[] = [
  { to: '', labelKey: 'auditor:nav.timeline' },
  { to: 'as-of', labelKey: 'auditor:nav.asOf' },
  { to: 'verify', labelKey: 'auditor:nav.verify' },
  { to: 'access', labelKey: 'auditor:nav.access' },
  { to: 'monitoring', labelKey: 'auditor:nav.monitoring' },
  { to: 'exports', labelKey: 'auditor:nav.exports' },
];

/** The auditor's screens, under its section of the console: reads only, nothing changes the ledger. */
export function Screens() {
  return (
    <Routes>
      <Route index element={<Timeline />} />
      <Route path="events/:position" element={<EventDetail />} />
      <Route path="as-of" element={<AsOf />} />
      <Route path="verify" element={<Verify />} />
      <Route path="access" element={<Access />} />
      <Route path="monitoring" element={<Monitoring />} />
      <Route path="exports" element={<Exports />} />
    </Routes>
  );
}
