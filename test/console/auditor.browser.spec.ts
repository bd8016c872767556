import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { CheckpointSigner, createCheckpointNow } from '@ledger/audit';
import { LedgerRuntime } from '@ledger/platform';
import { consoleHarness } from './support/browser-harness';
import { apiClient } from './support/seed';

/**
 * The auditor's console (issue #16), on the demo ledger: the event log and one event's data, the
 * balances of a fund as of a date and as known at an instant (checked against the API), a refused
 * date next to its field, the log verified against a pinned public key, denials and access
 * changes, and an export in the French Excel dialect. An admin reads the same section.
 */
describe('the auditor console', () => {
  const h = consoleHarness({ seed: true });
  const auditorApi = () => apiClient(h.baseUrl, h.keys.auditor);

  /** The digits of a figure on screen ("2 250 000,00 MAD" → "225000000"): its amount in minor units. */
  const digits = (text: string | null) => (text ?? '').replace(/\D/g, '');
  /** The error shown next to the field labelled `label`. */
  const errorNextTo = (page: Page, label: string) =>
    page.locator('.field', { has: page.getByLabel(label, { exact: true }) }).locator('.field-error');
  /** An instant as `<input type="datetime-local">` takes it, in this machine's (and the browser's) time zone. */
  const localInput = (d: Date) => {
    const pad = (n: number) => String(n).padStart(2, '0');
    return (
      `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
      `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
    );
  };

  it('opens the event log, filters it, and opens one event with its data and metadata', async () => {
    const { page } = h;
    await h.signIn(h.keys.auditor);
    await page.getByRole('heading', { name: 'Journal des événements' }).waitFor();
    await page.getByLabel('Famille de flux').selectOption({ label: 'Cofinancement' });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.getByRole('link', { name: "Ouvrir l'événement n° 1", exact: true }).waitFor();
    await page
      .getByRole('link', { name: /cofinancing\.ContributionRecorded/ })
      .first()
      .waitFor();
    await h.shot('auditor-timeline');

    await page.getByLabel("Type d'événement").fill('cofinancing.ContributionRecorded');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    const rows = page.locator('table.audit-events tbody tr');
    await page.waitForFunction("document.querySelectorAll('table.audit-events tbody tr').length === 3");
    expect(await rows.count()).toBe(3);

    const contributions = (await auditorApi().get('/audit/events?type=cofinancing.ContributionRecorded&limit=10')) as {
      items: { position: string; correlationId: string; actor: string; data: { reference: string } }[];
    };
    const first = contributions.items[0];
    await page.getByRole('link', { name: `Ouvrir l'événement n° ${first.position}`, exact: true }).click();
    await page.getByRole('heading', { name: `Événement n° ${first.position}` }).waitFor();
    expect(page.url()).toBe(`${h.baseUrl}/console/audit/events/${first.position}`);
    await h.seeStat(page, 'Auteur', first.actor);
    // The business date as the console's locale writes it (fr-MA: "10 jan. 2021").
    const tenth = await page.evaluate(() =>
      new Intl.DateTimeFormat('fr-MA', { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date('2021-01-10T00:00:00Z'),
      ),
    );
    await h.seeStat(page, 'Date métier', tenth);
    await page.getByText(first.correlationId).waitFor();
    await page.getByRole('cell', { name: first.data.reference }).waitFor();
    // The command's other events, written with it under the same correlation id.
    await page
      .getByRole('region', { name: 'Autres événements de la même opération' })
      .getByText('ledger.CommandRecorded')
      .waitFor();
    // Its own address: a reload opens the same event.
    await page.reload();
    await page.getByRole('heading', { name: `Événement n° ${first.position}` }).waitFor();
    await h.shot('auditor-event');
    // Opened from the filtered log, it leads back to the same page of it.
    await page.goBack();
    await page.getByRole('link', { name: `Ouvrir l'événement n° ${first.position}`, exact: true }).click();
    await page.getByRole('link', { name: '← Retour au journal' }).click();
    await page.getByRole('heading', { name: 'Journal des événements' }).waitFor();
    await page.waitForFunction("document.querySelectorAll('table.audit-events tbody tr').length === 3");
    expect(await page.getByLabel("Type d'événement").inputValue()).toBe('cofinancing.ContributionRecorded');
  });

  it('shows a fund’s balances as of a date, as known at an instant, and refuses a date out of range', async () => {
    const { page } = h;
    const fundId = h.seeded.fundId;
    // An instant after the whole seed, then a contribution recorded late (dated 2021): what was known then differs.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 50));
    const knownAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const fm = apiClient(h.baseUrl, h.keys.fundManager);
    const donors = (await fm.get(`/cofinancing/funds/${fundId}/donors`)) as { items: { donorId: string }[] };
    await fm.post(`/cofinancing/funds/${fundId}/contributions`, {
      donorId: donors.items[0].donorId,
      amount: { amountMinor: '25000000', currency: 'MAD' },
      receivedOn: '2021-06-30',
      reference: 'CONV-2021-06-TARDIVE',
    });
    const now = (await auditorApi().get(`/cofinancing/funds/${fundId}?asOf=2021-12-31`)) as {
      contributed: { amountMinor: string };
      available: { amountMinor: string };
    };
    const then = (await auditorApi().get(
      `/cofinancing/funds/${fundId}?asOf=2021-12-31&knownAt=${encodeURIComponent(knownAt.toISOString())}`,
    )) as { contributed: { amountMinor: string } };
    expect(now.contributed.amountMinor).toBe('225000000');
    expect(then.contributed.amountMinor).toBe('200000000');

    await h.signIn(h.keys.auditor);
    await page.getByRole('link', { name: 'Soldes à une date' }).click();
    await page.getByRole('heading', { name: 'Soldes à une date' }).waitFor();
    await page
      .getByLabel('Fonds', { exact: true })
      .selectOption({ label: "Fonds d'appui aux consortiums d'exportation (MAD)" });
    await page.getByLabel('Au (date métier)').fill('2021-12-31');
    await page.getByRole('button', { name: 'Afficher les soldes' }).click();
    const result = page.locator('#as-of-result');
    await result.getByText('Avec tout ce qui est enregistré à ce jour.').waitFor();
    expect(digits(await h.stat(result, 'Contributions reçues').textContent())).toBe(now.contributed.amountMinor);
    expect(digits(await h.stat(result, 'Disponible').textContent())).toBe(now.available.amountMinor);

    // As known at the instant before the late contribution.
    await page.getByLabel('Tel que connu le (facultatif)').fill(localInput(knownAt));
    await page.getByRole('button', { name: 'Afficher les soldes' }).click();
    await result.getByText(/^Tel que le registre le connaissait le/).waitFor();
    const contributed = h.stat(result, 'Contributions reçues');
    expect(digits(await contributed.locator('.num').textContent())).toBe(then.contributed.amountMinor);
    // What was recorded since is shown beside it: 250 000 MAD more.
    await contributed.getByText(/^Avec tout ce qui est enregistré : .*\(\+250.000,00\sMAD\)$/).waitFor();
    expect(new URL(page.url()).searchParams.get('knownAt')).toBe(knownAt.toISOString());
    await h.shot('auditor-as-of');

    // Known at an instant before the fund was recorded: nothing to show, and said so.
    await page.getByLabel('Tel que connu le (facultatif)').fill(localInput(new Date(Date.now() - 86_400_000)));
    await page.getByRole('button', { name: 'Afficher les soldes' }).click();
    await page.getByText(/^Le registre ne connaissait pas encore ce compte le/).waitFor();
    expect(await result.count()).toBe(0);

    // A date out of the ledger's window: said next to the field, in French, and no figures beside it.
    await page.getByLabel('Au (date métier)').fill('2099-01-01');
    await page.getByRole('button', { name: 'Afficher les soldes' }).click();
    await errorNextTo(page, 'Au (date métier)')
      .getByText(/^Date hors de la période du registre/)
      .waitFor();
    expect(await result.count()).toBe(0);

    // The other pickers: a convention by its company's name and bank, a guarantee by its loan reference.
    await page.getByLabel('Soldes de').selectOption({ label: 'Une garantie' });
    await page
      .getByLabel('Garantie (référence du prêt)')
      .selectOption({ label: `${h.seeded.activeLoanReference} — CNCAS, émise le 2 mai 2008` });
    await page.getByLabel('Au (date métier)').fill('2009-12-31');
    await page.getByLabel('Tel que connu le (facultatif)').fill('');
    await page.getByRole('button', { name: 'Afficher les soldes' }).click();
    await h.seeStat(result, 'Statut', 'Active');
    await page.getByLabel('Soldes de').selectOption({ label: 'Une convention bancaire' });
    await page.getByLabel('Convention (société — banque)').selectOption({ index: 1 });
    expect(await page.getByLabel('Convention (société — banque)').inputValue()).not.toBe('');
    expect(await page.getByLabel('Convention (société — banque)').locator('option').nth(1).textContent()).toMatch(
      /^SCM de Thiès — (CNCAS|BICIS)/,
    );
  });

  it('verifies the log against the public key the auditor pinned', async () => {
    const { page } = h;
    // The operator signs a checkpoint (`ledger checkpoint`) once the checkpointer has read the whole log.
    const runtime = h.app.get(LedgerRuntime);
    const head = ((await auditorApi().get('/audit/events?limit=1')) as { headPosition: string }).headPosition;
    for (let i = 0; i < 100; i++) {
      const rows: { position: string }[] = await runtime.dataSource.query(
        'SELECT position FROM ledger_digest_state WHERE id = 1',
      );
      if (rows[0]?.position === head) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const published = await createCheckpointNow(runtime.dataSource, CheckpointSigner.load());
    expect(published?.position).toBe(head);
    const { publicKey } = (await auditorApi().get('/audit/checkpoints')) as { publicKey: string };
    expect(publicKey).toContain('BEGIN PUBLIC KEY');

    await h.signIn(h.keys.auditor);
    await page.getByRole('link', { name: 'Vérification du registre' }).click();
    await page.getByText('Aucune clé épinglée dans ce navigateur', { exact: false }).waitFor();
    await page.getByLabel("Collez la clé publique reçue de l'exploitant (PEM)").fill(publicKey);
    await page.getByRole('button', { name: 'Épingler cette clé' }).click();
    await page.getByText('La clé du serveur est la clé épinglée').waitFor();
    await page.getByRole('button', { name: 'Lancer la vérification' }).click();
    const verdict = page.locator('.audit-verdict');
    await verdict
      .getByText(`Registre intact : rien n'a été modifié, supprimé ni réordonné, jusqu'à la position ${head}.`)
      .waitFor();
    await h.seeStat(verdict, 'Signatures vérifiées avec', 'la clé épinglée');
    await h.seeStat(verdict, 'Points de contrôle vérifiés', '1');
    await h.shot('auditor-verify');

    // The pinned key stays in this browser; another key is told apart and fails the check.
    await page.reload();
    await page.getByText('La clé du serveur est la clé épinglée').waitFor();
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await page.getByLabel('Remplacer par une autre clé (PEM)').fill(other);
    await page.getByRole('button', { name: 'Épingler cette clé' }).click();
    await page.getByText("La clé du serveur N'EST PAS la clé épinglée").waitFor();
    await page.getByRole('button', { name: 'Lancer la vérification' }).click();
    await verdict
      .getByText(
        `Vérification ÉCHOUÉE : le point de contrôle à la position ${head} n'est pas signé par la clé épinglée.`,
      )
      .waitFor();
  });

  it('lists refused requests and access changes, with filters', async () => {
    const { page } = h;
    // A bank user on a guarantee officer's route: refused (403) and recorded.
    await expect(apiClient(h.baseUrl, h.keys.cncas).get('/guarantee-companies')).rejects.toThrow(/403/);

    // And a request with a key nobody issued (401).
    const unknown = await fetch(`${h.baseUrl}/audit/events`, { headers: { Authorization: 'Bearer not-a-key' } });
    expect(unknown.status).toBe(401);

    await h.signIn(h.keys.auditor);
    await page.getByRole('link', { name: 'Refus et accès' }).click();
    const denials = page.getByRole('table', { name: "Requêtes refusées, les plus récentes d'abord" });
    await denials.getByText('GET /guarantee-companies').first().waitFor();
    await denials.getByText('test-bank-cncas').first().waitFor();
    await denials.getByText('le rôle Banque ne peut pas lire ici (guarantees)').first().waitFor();
    await denials.getByText("clé d'API inconnue ou révoquée").first().waitFor();
    await h.shot('auditor-access');
    await page.getByLabel('Refus', { exact: true }).selectOption('403');
    await denials.getByText('403 — interdit').first().waitFor();
    const changes = page.getByRole('table', { name: "Changements d'accès, les plus récents d'abord" });
    await changes.getByText('test-auditor').first().waitFor();
    await page.getByLabel('Changement', { exact: true }).selectOption({ label: "Clé d'API créée" });
    await changes.getByRole('cell', { name: "Clé d'API créée" }).first().waitFor();
    expect(await changes.getByRole('cell', { name: 'Utilisateur créé' }).count()).toBe(0);
  });

  it('downloads the balances as a CSV for French Excel', async () => {
    const { page } = h;
    const probe = await fetch(`${h.baseUrl}/audit/exports/balances.csv?dialect=excel-fr`, {
      headers: { Authorization: `Bearer ${h.keys.auditor}` },
    });
    const dialectOffered = probe.ok;
    await probe.arrayBuffer();

    await h.signIn(h.keys.auditor);
    await page.getByRole('link', { name: 'Exports' }).click();
    await page.getByRole('heading', { name: 'Exports' }).waitFor();
    expect(await page.getByLabel('Excel (français) ; séparateur point-virgule').isChecked()).toBe(true);
    const balances = page.getByRole('form', { name: 'Tous les soldes' });
    await balances.getByLabel('Au (facultatif)').fill('2021-12-31');
    if (dialectOffered) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        balances.getByRole('button', { name: 'Télécharger (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('soldes-2021-12-31.csv');
      const bytes = readFileSync((await download.path()) as string);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.toString('utf8')).toContain(';');
    } else {
      // The API does not offer the French dialect yet: its refusal is shown, and the standard CSV downloads.
      await balances.getByRole('button', { name: 'Télécharger (CSV)' }).click();
      await page.getByRole('alert').first().waitFor();
      await page.getByLabel('CSV standard (RFC 4180)').check();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        balances.getByRole('button', { name: 'Télécharger (CSV)' }).click(),
      ]);
      expect(readFileSync((await download.path()) as string, 'utf8')).toContain(',');
    }
    await page.getByText('Fichier téléchargé : soldes-2021-12-31.csv.').waitFor();
  });

  it('gives an admin the same audit section, monitoring included', async () => {
    const { page } = h;
    await h.signIn(h.keys.admin);
    await page.goto(`${h.baseUrl}/console/audit/monitoring`);
    await page.getByRole('heading', { name: 'Suivi et évaluation' }).waitFor();
    await h.seeStat(page, 'Subventions approuvées', '2');
    await page.getByRole('link', { name: 'Journal des événements' }).click();
    await page.getByRole('link', { name: "Ouvrir l'événement n° 1", exact: true }).waitFor();
  });
});
