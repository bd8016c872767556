import { Route, Routes } from 'react-router';
import type { NavItem } from '../../shell';
import { CoverageLookup } from './coverage';
import { ConventionHeadroom } from './conventions';
import { Portfolio } from './portfolio';
import { Statement } from './statement';
import './bank.css';

/** The bank's links in the console's menu (paths relative to its section). */
export const nav: readonly NavItem[] = [
  { to: '', labelKey: 'bank:nav.portfolio' },
  { to: 'coverage', labelKey: 'bank:nav.coverage' },
  { to: 'conventions', labelKey: 'bank:nav.conventions' },
  { to: 'statement', labelKey: 'bank:nav.statement' },
];

/** The bank's screens, under its section of the console: its own loans and conventions, nothing else. */
export function Screens() {
  return (
    <Routes>
      <Route index element={<Portfolio />} />
      <Route path="coverage" element={<CoverageLookup />} />
      <Route path="conventions" element={<ConventionHeadroom />} />
      <Route path="statement" element={<Statement />} />
    </Routes>
  );
}
