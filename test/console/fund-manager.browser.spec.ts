import type { Locator } from 'playwright-core';
import { consoleHarness } from './support/browser-harness';
import { apiClient } from './support/seed';

/**
 * Issue #16, the fund manager's part of the console, on an empty ledger: the Moroccan export
 * consortium fund (seed part 4.2: promotion costs at 75 % the first year, 60 % the second, 50 % the
 * third, at most 200,000 MAD a year) set up, funded, with its window, a consortium, requests and
 * approvals over three participation years, a disbursement, the four-eyes policy (read, tightened,
 * loosened by one person and confirmed by another); then a Tunisian fund in TND, amounts typed in
 * French (Tunisia), an ambiguous one refused.
 */
describe('the fund manager console', () => {
  const h = consoleHarness();
  /** A figure as the page writes it, whatever the locale's group mark ("200.000,00" or "200 000,00"). */
  const figure = (text: string) =>
    new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s.\\u202f\\u00a0]'));

  it('sets up a fund, a window and a consortium, decides requests over three years, disburses, and keeps four eyes', async () => {
    const page = h.page;
    const manager = apiClient(h.baseUrl, h.keys.fundManager);
    const menu = page.getByRole('navigation', { name: 'Écrans' });
    const go = async (name: string, title: string) => {
      await menu.getByRole('link', { name, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
    };
    const button = (name: string) => page.getByRole('button', { name, exact: true });

    await h.signIn(h.keys.fundManager);
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    await page.getByText("Aucun fonds pour l'instant.").waitFor();

    // The fund, in MAD.
    await go('Fonds', 'Fonds');
    await page.getByLabel('Nom du fonds').fill("Fonds d'appui aux consortiums d'exportation");
    await page.getByLabel('Devise').selectOption('MAD');
    await page.getByLabel('Date de création').fill('2021-01-04');
    await button('Créer le fonds').click();
    await page.getByRole('heading', { level: 1, name: "Fonds d'appui aux consortiums d'exportation" }).waitFor();
    const fundId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');

    // A donor and two contributions: 2,000,000 MAD, then "1,5" read as 1.50 MAD (150 centimes).
    await page.getByLabel('Nom du bailleur').fill('Agence Française de Développement');
    await page.getByLabel("Date d'enregistrement").fill('2021-01-04');
    await button('Enregistrer le bailleur').click();
    await page.getByText('Bailleur « Agence Française de Développement » enregistré.').waitFor();
    const contribute = async (amount: string, on: string, reference: string, read: string) => {
      await page.getByLabel('Bailleur', { exact: true }).selectOption({ label: 'Agence Française de Développement' });
      await page.getByLabel("Montant de l'apport").fill(amount);
      await page.getByLabel('Date de réception').fill(on);
      await page.getByLabel('Référence (convention, virement)').fill(reference);
      await button("Enregistrer l'apport").click();
      await page.getByText(new RegExp(`^Apport de ${read}\\sMAD enregistré\\.`)).waitFor();
    };
    await contribute('2 000 000', '2021-01-15', 'CONV-AFD-2021-01', '2.000.000,00');
    await page.getByLabel("Montant de l'apport").fill('1,5');
    await page.getByText(/Montant lu : 1,50\sMAD — /).waitFor();
    await contribute('1,5', '2021-02-01', 'CONV-AFD-2021-02', '1,50');
    const donors = (await manager.get(`/cofinancing/funds/${fundId}/donors`)) as {
      items: { contributions: { amount: { amountMinor: string }; reference: string }[] }[];
    };
    const byReference = Object.fromEntries(
      donors.items[0].contributions.map((c) => [c.reference, c.amount.amountMinor]),
    );
    expect(byReference).toEqual({ 'CONV-AFD-2021-01': '200000000', 'CONV-AFD-2021-02': '150' });
    await h.stat(page, 'Apports reçus').getByText(figure('2 000 001,50 MAD')).waitFor();

    // The promotion window and its declining schedule: 75 %, 60 %, 50 %, at most 200,000 MAD a year.
    await go('Guichets', 'Guichets');
    await page.getByText('Aucun guichet ouvert dans ce fonds.').waitFor();
    await page.getByLabel('Nom du guichet').fill('Coûts de promotion');
    await page.getByLabel("Type d'appui").selectOption('consortium-promotion');
    await page.getByLabel("Date d'ouverture").fill('2021-01-04');
    await page.getByLabel('En vigueur à partir du').fill('2021-01-04');
    const schedule = [
      ['75', '200 000'],
      ['60', '200 000'],
      ['50', '200 000'],
    ];
    for (const [index, [rate, cap]] of schedule.entries()) {
      if (index > 0) await button('Ajouter une année').click();
      await page.getByLabel(`Taux de l'année ${index + 1} (%)`).fill(rate);
      await page.getByLabel(`Plafond de l'année ${index + 1}`).fill(cap);
    }
    await page.getByLabel('Après la dernière année').selectOption('ineligible');
    await button('Ouvrir le guichet').click();
    const scheduleTable = page.getByRole('table', { name: 'Barème de « Coûts de promotion » (version 1)' });
    await scheduleTable.waitFor();
    const rows = scheduleTable.getByRole('row');
    for (const [index, [rate]] of schedule.entries()) {
      const row = rows.filter({ hasText: `Année ${index + 1}` });
      expect(await row.innerText()).toMatch(new RegExp(`${rate},00\\s%`));
      expect(await row.innerText()).toMatch(figure('200 000,00 MAD'));
    }
    expect(await rows.filter({ hasText: 'Années suivantes' }).innerText()).toContain('Non éligible');
    await page.getByRole('img', { name: /Taux et plafond par année de participation/ }).waitFor();
    await h.shot('fund-manager-window-schedule');

    // The consortium, with two member firms.
    await go('Bénéficiaires', 'Bénéficiaires');
    await page.getByLabel('Nom du bénéficiaire').fill('Consortium Fonoon Vitargan');
    await page.getByLabel('Nature').selectOption('export-consortium');
    await page.getByLabel("Date d'inscription").fill('2021-03-15');
    await button('Ajouter une entreprise').click();
    await page.getByLabel('Entreprise 1 : nom').fill('Tissages de Casablanca');
    await page.getByLabel('Entreprise 1 : dirigée par une femme').selectOption('yes');
    await button('Ajouter une entreprise').click();
    await page.getByLabel('Entreprise 2 : nom').fill('Atelier Dar Lahrir');
    await page.getByLabel('Entreprise 2 : dirigée par une femme').selectOption('no');
    await button('Inscrire le bénéficiaire').click();
    await page.getByRole('heading', { level: 1, name: 'Consortium Fonoon Vitargan' }).waitFor();
    await page.getByRole('cell', { name: 'Tissages de Casablanca' }).waitFor();

    // The four-eyes policy: none yet; approvals above 150,000 MAD need a second person.
    await go("Politique d'approbation", "Politique d'approbation");
    await page.getByText("Aucune politique définie : aucune opération n'exige de seconde personne.").waitFor();
    await page.getByLabel("Approbation d'une subvention au-delà de").fill('150 000');
    await page.getByLabel("Date d'effet").fill('2021-01-05');
    await button('Enregistrer la politique').click();
    await page.getByText("Politique enregistrée : elle s'applique dès maintenant.").waitFor();
    await page.reload();
    // It opens filled with the policy in force, never blank.
    const threshold = page.getByLabel("Approbation d'une subvention au-delà de");
    await page.getByText('Politique des quatre yeux en vigueur').first().waitFor();
    expect(await threshold.inputValue()).toMatch(figure('150 000,00'));
    expect(await page.getByLabel('Délai de confirmation (heures)').inputValue()).toBe('48');

    // Three requests, one per participation year (the consortium enrolled on 15 March 2021).
    const requests = [
      { what: 'Stand au salon Heimtextil de Francfort', cost: '300 000', on: '2021-05-03', year: 1 },
      { what: 'Mission commerciale en Russie', cost: '250 000', on: '2022-05-03', year: 2 },
      { what: 'Salon Maison & Objet Paris', cost: '200 000', on: '2023-05-03', year: 3 },
    ];
    const rejected = { what: 'Catalogue commun des coopératives', cost: '50 000', on: '2023-06-01', year: 3 };
    await go('Demandes', 'Demandes de subvention');
    for (const r of [...requests, rejected]) {
      await page.getByLabel('Guichet').selectOption({ label: 'Coûts de promotion' });
      await page.getByLabel('Bénéficiaire').selectOption({ label: 'Consortium Fonoon Vitargan' });
      await page.getByLabel('Prestataire').fill('Maroc Export');
      await page.getByLabel('Objet').fill(r.what);
      await page.getByLabel('Coût éligible').fill(r.cost);
      await page.getByLabel('Date de la demande').fill(r.on);
      await button('Enregistrer la demande').click();
      await page
        .getByText(new RegExp(`Demande « ${r.what} » enregistrée.*année de participation ${r.year}\\.`))
        .waitFor();
    }

    // The queue: each request with its year's rate and the cap left, fundable.
    await go("File d'approbation", "File d'approbation");
    const queue = page.getByRole('table', { name: 'Demandes en attente de décision' });
    const rowOf = (what: string): Locator => queue.getByRole('row').filter({ hasText: what });
    const rates = ['75,00', '60,00', '50,00'];
    for (const [i, r] of requests.entries()) {
      await rowOf(r.what)
        .getByText(new RegExp(`${rates[i]}\\s%`))
        .waitFor();
      const text = await rowOf(r.what).innerText();
      expect(text).toMatch(figure('200 000,00 MAD'));
      expect(text).toContain('Finançable');
      expect(text).toContain(String(r.year));
    }
    // Sorted by participation year, descending.
    await queue.getByRole('button', { name: /Année de participation/ }).click();
    await queue.getByRole('button', { name: /Année de participation/ }).click();
    await queue.locator('th[aria-sort="descending"]').waitFor();
    expect(await queue.getByRole('row').last().innerText()).toContain(requests[0].what);
    await h.shot('fund-manager-queue');

    // Rejecting is confirmed too, with the reason.
    await queue.getByRole('button', { name: `Rejeter « ${rejected.what} »` }).click();
    await page.getByLabel('Date du rejet').fill('2023-06-10');
    await page.getByLabel('Motif').fill('Dépense déjà couverte par le guichet de démarrage');
    await button('Rejeter').click();
    expect(await h.confirmDialog('Confirmer le rejet')).toContain('Dépense déjà couverte');
    await page.getByText(`« ${rejected.what} » rejetée.`).waitFor();
    await rowOf(rejected.what).waitFor({ state: 'detached' });

    const approve = async (what: string, on: string) => {
      await queue.getByRole('button', { name: `Approuver « ${what} »` }).click();
      await page.getByRole('heading', { name: `Approuver « ${what} »` }).waitFor();
      await page.getByLabel("Date d'approbation").fill(on);
      await button('Approuver').click();
      return h.confirmDialog("Confirmer l'approbation");
    };
    // Year 1: 75 % of 300,000 is 225,000, capped at 200,000 — above the 150,000 threshold: pending.
    const year1 = await approve(requests[0].what, '2021-05-10');
    expect(year1).toMatch(/75,00\s%/);
    expect(year1).toMatch(figure('200 000,00 MAD'));
    expect(year1).toContain('deux cent mille dirhams');
    await page.getByText(`En attente d'une seconde personne : l'approbation de « ${requests[0].what} ».`).waitFor();
    expect(await page.locator('.success').count()).toBe(0);
    await rowOf(requests[0].what).getByText("En attente d'une seconde personne").waitFor();
    expect(await queue.getByRole('button', { name: `Approuver « ${requests[0].what} »` }).isDisabled()).toBe(true);
    // Year 2: 60 % of 250,000 = 150,000, not above the threshold: approved at once.
    const year2 = await approve(requests[1].what, '2022-05-10');
    expect(year2).toMatch(/60,00\s%/);
    await page
      .getByText(new RegExp(`« ${requests[1].what} » approuvée : subvention de .*150.000,00.*60,00\\s%`))
      .waitFor();

    // Loosening the policy (approvals above 250,000) is only proposed: pending, the policy unchanged.
    await go("Politique d'approbation", "Politique d'approbation");
    await threshold.fill('250 000');
    await page.getByLabel("Date d'effet").fill('2022-05-11');
    await button('Enregistrer la politique').click();
    await page
      .getByText("En attente d'une seconde personne : l'assouplissement de la politique d'approbation.")
      .waitFor();
    await page.getByText('Un assouplissement de cette politique attend une seconde personne.').waitFor();
    const policy = (await manager.get(`/cofinancing/funds/${fundId}/approval-policy`)) as {
      policy: { approveGrantAbove: { amountMinor: string } };
    };
    expect(policy.policy.approveGrantAbove.amountMinor).toBe('15000000');
    await h.shot('fund-manager-policy');

    // The second fund manager confirms both in Propositions.
    await h.signOut();
    await h.signIn(h.keys.secondFundManager);
    await go('Propositions', 'Propositions');
    const proposal = (name: string) => page.locator('li.proposal').filter({ hasText: name });
    await proposal("Approbation d'une subvention").waitFor();
    await proposal('Assouplissement de la politique des quatre yeux').waitFor();
    await h.shot('fund-manager-proposals');
    await proposal("Approbation d'une subvention").getByRole('button', { name: 'Confirmer' }).click();
    expect(await h.confirmDialog('Confirmer')).toMatch(figure('200 000,00 MAD'));
    await page.getByText("Approbation d'une subvention : confirmée et inscrite au registre.").waitFor();
    await proposal('Assouplissement de la politique des quatre yeux')
      .getByRole('button', { name: 'Confirmer' })
      .click();
    await h.confirmDialog('Confirmer');
    await page.getByText(/Assouplissement de la politique des quatre yeux : confirmée/).waitFor();
    await h.signOut();
    await h.signIn(h.keys.fundManager);

    // The policy form opens with the loosened policy; saving it again changes nothing.
    await go("Politique d'approbation", "Politique d'approbation");
    await page.getByText('Politique des quatre yeux en vigueur').first().waitFor();
    await page.waitForFunction(
      `/250.000,00/.test(document.querySelector('input[name="approveGrantAbove"]')?.value ?? '')`,
    );
    await button('Enregistrer la politique').click();
    await page.getByText("C'est déjà la politique en vigueur : rien n'a changé.").waitFor();

    // Year 3: 50 % of 200,000 = 100,000, approved at once.
    await go("File d'approbation", "File d'approbation");
    const year3 = await approve(requests[2].what, '2023-05-10');
    expect(year3).toMatch(/50,00\s%/);
    expect(year3).toMatch(figure('100 000,00 MAD'));
    await page.getByText(new RegExp(`« ${requests[2].what} » approuvée`)).waitFor();
    await page.getByText('Aucune demande en attente.').waitFor();

    // Every grant, none gone; the rate of each year on screen.
    await go('Subventions', 'Subventions');
    const grants = page.getByRole('table', { name: /^Subventions de / });
    for (const [i, r] of requests.entries()) {
      const row = grants.getByRole('row').filter({ hasText: r.what });
      await row.getByText('Approuvée').waitFor();
      expect(await row.innerText()).toMatch(new RegExp(`${rates[i]}\\s%`));
    }
    await grants.getByRole('row').filter({ hasText: rejected.what }).getByText('Rejetée').waitFor();

    // The year-1 grant: a disbursement on an invoice typed "200 000,50".
    await grants.getByRole('link', { name: requests[0].what }).click();
    await page.getByRole('heading', { level: 1, name: `Subvention « ${requests[0].what} »` }).waitFor();
    await page.getByLabel('Référence de la facture').fill('FAC-HEIM-2021-017');
    await page.getByLabel('Date de la facture').fill('2021-06-01');
    await page.getByLabel('Montant de la facture').fill('200 000,50');
    await page.getByText(/Montant lu : 200.000,50\sMAD — deux cent mille dirhams et cinquante centimes/).waitFor();
    await page.getByLabel('Date de paiement').fill('2021-06-15');
    await button('Décaisser').click();
    const disbursement = await h.confirmDialog('Confirmer le décaissement');
    expect(disbursement).toMatch(figure('200 000,50 MAD'));
    expect(disbursement).toContain('deux cent mille dirhams et cinquante centimes');
    // Paid at the effective rate 200,000 / 300,000, rounded down: 133,333.66.
    expect(disbursement).toMatch(figure('133 333,66 MAD'));
    await page.getByText(/^Facture FAC-HEIM-2021-017 payée : 133.333,66/).waitFor();
    const grantId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
    const grant = (await manager.get(`/cofinancing/grants/${grantId}`)) as {
      disbursements: { invoiceAmount: { amountMinor: string }; paid: { amountMinor: string } }[];
    };
    expect(grant.disbursements.map((d) => [d.invoiceAmount.amountMinor, d.paid.amountMinor])).toEqual([
      ['20000050', '13333366'],
    ]);
    // Its history: requested, the proposal confirmed, approved, disbursed.
    const history = page.getByRole('list', { name: 'Historique de la subvention' });
    await history.getByText('Décaissement — facture FAC-HEIM-2021-017').waitFor();
    const events = await history.innerText();
    expect(events).toContain('Demandée');
    expect(events).toContain('Approuvée');
    expect(events).toMatch(/Proposition « Approbation d'une subvention » — Confirmée/);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Subvention « ${requests[0].what} »` }).waitFor();
    await h.shot('fund-manager-grant-detail');
    // A correction: the disbursement reversed (never edited) and the right invoice, 180,000, paid in its place.
    await page.getByRole('button', { name: 'Contre-passer FAC-HEIM-2021-017' }).click();
    const correction = page.getByRole('form', { name: 'Contre-passer le décaissement FAC-HEIM-2021-017' });
    await correction.getByLabel('Motif de la correction').fill('Montant de la facture mal saisi');
    await correction.getByLabel('Date de la correction').fill('2021-06-20');
    await correction.getByLabel('Inscrire la bonne facture à sa place').check();
    await correction.getByLabel('Référence de la bonne facture').fill('FAC-HEIM-2021-017-B');
    await correction.getByLabel('Montant de la bonne facture').fill('180 000');
    await correction.getByRole('button', { name: 'Contre-passer' }).click();
    expect(await h.confirmDialog('Confirmer la contre-passation')).toMatch(figure('133 333,66 MAD'));
    await page.getByText(/^Décaissement FAC-HEIM-2021-017 contre-passé/).waitFor();
    await history.getByText('Contre-passation — facture FAC-HEIM-2021-017').waitFor();
    await history.getByText('Décaissement — facture FAC-HEIM-2021-017-B').waitFor();
    const corrected = (await manager.get(`/cofinancing/grants/${grantId}`)) as {
      disbursed: { amountMinor: string };
    };
    expect(corrected.disbursed.amountMinor).toBe('12000000');

    // The year-3 grant cancelled before any payment: it stays in the list too.
    await go('Subventions', 'Subventions');
    await grants.getByRole('link', { name: requests[2].what }).click();
    await page.getByLabel("Date d'annulation").fill('2023-09-01');
    await page.getByLabel('Motif').fill('Le salon a été annulé');
    await button('Annuler la subvention').click();
    expect(await h.confirmDialog("Confirmer l'annulation")).toContain('Le salon a été annulé');
    await page.getByText(/^Subvention annulée : 100.000,00\sMAD rendus au fonds\./).waitFor();

    // The year-2 grant closed: its unused commitment returns to the fund; it stays in the list.
    await go('Subventions', 'Subventions');
    await grants.getByRole('link', { name: requests[1].what }).click();
    await page.getByLabel('Date de clôture').fill('2022-12-31');
    await button('Clôturer').click();
    expect(await h.confirmDialog('Confirmer la clôture')).toMatch(figure('150 000,00 MAD'));
    await page.getByText(/^Subvention clôturée : 150.000,00\sMAD rendus au fonds\./).waitFor();
    await go('Subventions', 'Subventions');
    await grants.getByRole('row').filter({ hasText: requests[1].what }).getByText('Clôturée').waitFor();
    await grants.getByRole('row').filter({ hasText: requests[2].what }).getByText('Annulée').waitFor();
    expect(await grants.getByRole('row').count()).toBe(5);

    await go('Fonds', 'Fonds');
    await page.getByRole('link', { name: "Fonds d'appui aux consortiums d'exportation" }).click();
    await page.getByRole('img', { name: /en fin de mois/ }).waitFor();
    await h.shot('fund-manager-fund');
    // As of 31 January 2021: the first contribution only.
    await page.getByLabel('Soldes au').fill('2021-01-31');
    const asOf = page.locator('section', { has: page.getByRole('heading', { name: 'Soldes à une date passée' }) });
    await h.stat(asOf, 'Apports reçus').getByText(figure('2 000 000,00 MAD')).waitFor();

    // The schedule amended from 2024: year 3 at 40 %; the first version kept.
    await go('Guichets', 'Guichets');
    await button('Modifier le barème de « Coûts de promotion »').click();
    const amendment = page.getByRole('form', { name: 'Nouvelle version du barème de « Coûts de promotion »' });
    expect(await amendment.getByLabel("Taux de l'année 1 (%)").inputValue()).toBe('75,00');
    await amendment.getByLabel('Date de la décision').fill('2023-12-01');
    await amendment.getByLabel('En vigueur à partir du').fill('2024-01-01');
    await amendment.getByLabel("Taux de l'année 3 (%)").fill('40');
    await button('Enregistrer la nouvelle version').click();
    await h.confirmDialog('Confirmer la nouvelle version');
    const version2 = page.getByRole('table', { name: 'Barème de « Coûts de promotion » (version 2)' });
    await version2
      .getByRole('row')
      .filter({ hasText: 'Année 3' })
      .getByText(/40,00\s%/)
      .waitFor();
    await page.getByText('1 version antérieure du barème').waitFor();
    await go('Tableau de bord', 'Tableau de bord');
    await page.getByRole('img', { name: /en fin de mois/ }).waitFor();
    await h.shot('fund-manager-dashboard');

    // On a phone (375 px), nothing scrolls sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    for (const path of [
      '',
      'funds/' + fundId,
      'windows',
      'queue',
      'grants',
      'grants/' + grantId,
      'policy',
      'beneficiaries',
    ]) {
      await page.goto(`${h.baseUrl}/console/cofinancing/${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect({ path, overflow: await h.horizontalOverflow() }).toEqual({ path, overflow: 0 });
    }
    await page.setViewportSize({ width: 1280, height: 860 });

    // A Tunisian fund, read in French (Tunisia): "12 345,678" TND is 12345678 millimes; "1.5" is refused.
    await page.getByLabel('Langue et format').selectOption({ label: 'Français (Tunisie)' });
    await go('Fonds', 'Fonds');
    await page.getByLabel('Nom du fonds').fill("Fonds tunisien d'appui aux grappes");
    await page.getByLabel('Devise').selectOption('TND');
    await page.getByLabel('Date de création').fill('2022-01-03');
    await button('Créer le fonds').click();
    await page.getByRole('heading', { level: 1, name: "Fonds tunisien d'appui aux grappes" }).waitFor();
    const tndFundId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
    await page.getByLabel('Nom du bailleur').fill('Union européenne');
    await page.getByLabel("Date d'enregistrement").fill('2022-01-03');
    await button('Enregistrer le bailleur').click();
    await page.getByText('Bailleur « Union européenne » enregistré.').waitFor();
    await page.getByLabel('Bailleur', { exact: true }).selectOption({ label: 'Union européenne' });
    await page.getByLabel("Montant de l'apport").fill('1.5');
    await page.getByLabel('Date de réception').fill('2022-02-01');
    await page.getByLabel('Référence (convention, virement)').fill('UE-TN-2022-01');
    await button("Enregistrer l'apport").click();
    expect(await h.fieldError("Montant de l'apport")).toMatch(/^Montant ambigu/);
    const nothing = (await manager.get(`/cofinancing/funds/${tndFundId}/donors`)) as {
      items: { contributions: unknown[] }[];
    };
    expect(nothing.items[0].contributions).toEqual([]);
    await page.getByLabel("Montant de l'apport").fill('12 345,678');
    await page.getByText(/Montant lu : 12.345,678\sTND/).waitFor();
    await button("Enregistrer l'apport").click();
    await page.getByText(/^Apport de 12.345,678\sTND enregistré\./).waitFor();
    const tnd = (await manager.get(`/cofinancing/funds/${tndFundId}/donors`)) as {
      items: { contributions: { amount: { amountMinor: string; currency: string } }[] }[];
    };
    expect(tnd.items[0].contributions.map((c) => c.amount)).toEqual([{ amountMinor: '12345678', currency: 'TND' }]);

    // In English, the same screens.
    await page.getByLabel('Langue et format').selectOption('en');
    await page.getByRole('link', { name: 'Approval queue', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Approval queue' }).waitFor();
    await page.getByText('No request is waiting.').waitFor();
  });
});
