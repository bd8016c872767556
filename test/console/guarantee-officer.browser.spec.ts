import { consoleHarness } from './support/browser-harness';
import { apiClient } from './support/seed';

/**
 * Issue #16, the guarantee officer's part of the console, on an empty ledger: a Senegalese mutual
 * guarantee company (XOF) set up, its members admitted, its guarantee fund funded, a convention
 * with CNCAS signed (multiplier 5, coverage 50 %), guarantees issued until the company is at its
 * ceiling (one more refused), then a default: the call, the claim paid from the fund, a recovery —
 * state and headroom checked on screen after each step. Then a withdrawal past the headroom,
 * refused, and proposed with an override for a second guarantee officer to confirm.
 */
describe('the guarantee officer console', () => {
  const h = consoleHarness();
  /** A figure as the page writes it, whatever the locale's group mark. */
  const figure = (text: string) =>
    new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s.\\u202f\\u00a0]'));

  it('sets up a company, issues guarantees up to its ceiling, and follows a default to its recovery', async () => {
    const page = h.page;
    const officer = apiClient(h.baseUrl, h.keys.guaranteeOfficer);
    const menu = page.getByRole('navigation', { name: 'Écrans' });
    const go = async (name: string, title: string) => {
      await menu.getByRole('link', { name, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
    };
    const form = (name: string) => page.getByRole('form', { name, exact: true });
    /** An amount exactly, as the page writes it in XOF. */
    const xof = (value: string, before = '^') => new RegExp(`${before}${figure(value).source}\\sXOF$`);
    const headroom = (value: string) => h.stat(page, 'Capacité disponible').getByText(xof(value)).waitFor();

    await h.signIn(h.keys.guaranteeOfficer);
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord des garanties' }).waitFor();
    await page.getByText("Aucune société de caution mutuelle pour l'instant.").waitFor();

    // The company, in XOF.
    await go('Sociétés', 'Sociétés de caution mutuelle');
    await page.getByLabel('Nom de la société').fill('Mutuelle de caution de Thiès');
    await page.getByLabel('Monnaie').selectOption('XOF');
    await page.getByLabel("Date d'enregistrement").fill('2026-01-05');
    await page.getByRole('button', { name: 'Enregistrer la société' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mutuelle de caution de Thiès' }).waitFor();
    const companyId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');

    // Three members.
    const members = ['GIE Transformation Céréales', 'Coopérative des maraîchers de Mboro', 'Atelier Ndiaye Couture'];
    for (const name of members) {
      const admit = form('Admettre un membre');
      await admit.getByLabel('Nom du membre').fill(name);
      await admit.getByLabel("Date d'admission").fill('2026-01-10');
      await admit.getByRole('button', { name: 'Admettre le membre' }).click();
      await page.getByText(`${name} est admis.`).waitFor();
      await page.getByRole('cell', { name, exact: true }).waitFor();
    }
    const memberTable = page.getByRole('table', { name: 'Membres de la société' });
    expect(await memberTable.innerText()).toContain('Capital non libéré');
    // Their capital, subscribed and paid up: then they are in good standing.
    for (const name of members) {
      const subscribe = form('Souscription au capital');
      await subscribe.getByLabel('Membre').selectOption({ label: name });
      await subscribe.getByLabel('Montant souscrit').fill('100 000');
      await subscribe.getByLabel('Date de souscription').fill('2026-01-10');
      await subscribe.getByRole('button', { name: 'Enregistrer la souscription' }).click();
      await page.getByText(/^Souscription enregistrée/).waitFor();
      const pay = form('Libération du capital');
      await pay.getByLabel('Membre').selectOption({ label: name });
      await pay.getByLabel('Montant libéré').fill('100 000');
      await pay.getByLabel('Date de libération').fill('2026-01-12');
      await pay.getByRole('button', { name: 'Enregistrer la libération' }).click();
      await page.getByText(/^Libération enregistrée/).waitFor();
      await memberTable.getByRole('row').filter({ hasText: name }).getByText('En règle').waitFor();
    }

    // The guarantee fund: "1,5" XOF refused (no decimals), nothing recorded; then 10 000 000 XOF.
    const deposit = form('Déposer au fonds de garantie');
    await deposit.getByLabel('Montant', { exact: true }).fill('1,5');
    await deposit.getByLabel('Référence du dépôt à terme').fill('DAT-CNCAS-2026-001');
    await deposit.getByLabel('Date du dépôt').fill('2026-01-15');
    await deposit.getByRole('button', { name: 'Enregistrer le dépôt' }).click();
    await deposit.getByText("Le XOF n'a pas de décimales.").waitFor();
    const before = (await officer.get(`/guarantee-companies/${companyId}`)) as { deposits: unknown[] };
    expect(before.deposits).toEqual([]);
    await deposit.getByLabel('Montant', { exact: true }).fill('10 000 000');
    await deposit.getByRole('button', { name: 'Enregistrer le dépôt' }).click();
    await page.getByText(/^Dépôt de 10.000.000\sF\sCFA enregistré\.|^Dépôt de 10.000.000\sXOF enregistré\./).waitFor();
    await h
      .stat(page, 'Fonds de garantie')
      .getByText(/10.000.000/)
      .waitFor();

    // The convention with CNCAS: multiplier 5, coverage 50 %.
    await go('Conventions', 'Conventions bancaires');
    const sign = form('Signer une convention');
    await sign.getByLabel('Banque').selectOption('CNCAS');
    await sign.getByLabel('Coefficient multiplicateur').fill('5');
    await sign.getByLabel('Taux de couverture (%)').fill('50');
    await sign.getByLabel('Début de validité').fill('2026-02-01');
    await sign.getByLabel('Fin de validité').fill('2030-12-31');
    await sign.getByLabel('Date de signature').fill('2026-02-01');
    await sign.getByRole('button', { name: 'Signer la convention' }).click();
    expect(await h.confirmDialog('Confirmer la signature')).toContain('CNCAS');
    await page.getByText(/^Convention signée avec CNCAS\. Capacité : 50.000.000/).waitFor();
    const conventions = page.getByRole('table', { name: 'Conventions' });
    await conventions.getByText('En vigueur', { exact: true }).waitFor();
    expect(await conventions.innerText()).toContain('Oui');
    await h.shot('guarantee-officer-conventions');

    // Guarantees up to the ceiling: 40 M + 9 M + 1 M guaranteed = 50 M = 10 M × 5.
    await go('Garanties', 'Garanties');
    await headroom('50 000 000');
    const issue = async (member: string, reference: string, principal: string, on = '2026-03-01') => {
      const f = form('Émettre une garantie');
      await f.getByLabel('Membre').selectOption({ label: member });
      await f.getByLabel('Convention').selectOption({ index: 1 });
      await f.getByLabel('Référence du prêt').fill(reference);
      await f.getByLabel('Principal du prêt').fill(principal);
      await f.getByLabel('Début du prêt').fill(on);
      await f.getByLabel('Échéance du prêt').fill('2029-03-01');
      await f.getByLabel("Date d'émission").fill(on);
      await f.getByRole('button', { name: 'Émettre la garantie' }).click();
      return h.confirmDialog("Confirmer l'émission");
    };
    expect(await issue(members[0], 'CNCAS-2026-0001', '80 000 000')).toMatch(figure('80 000 000'));
    await page.getByText(/^Garantie émise pour le prêt CNCAS-2026-0001/).waitFor();
    await headroom('10 000 000');
    await issue(members[1], 'CNCAS-2026-0002', '18 000 000');
    await page.getByText(/^Garantie émise pour le prêt CNCAS-2026-0002/).waitFor();
    await issue(members[2], 'CNCAS-2026-0003', '2 000 000');
    await page.getByText(/^Garantie émise pour le prêt CNCAS-2026-0003/).waitFor();
    await headroom('0');
    await h.shot('guarantee-officer-guarantees');
    // At the ceiling: one more is refused, in French, and nothing is recorded.
    await issue(members[0], 'CNCAS-2026-0004', '1 000 000');
    await page.getByText(/^Capacité disponible insuffisante/).waitFor();
    const listed = (await officer.get(`/guarantees?companyId=${companyId}`)) as { items: unknown[] };
    expect(listed.items).toHaveLength(3);

    // Search by loan reference, whatever its case.
    await page.getByLabel('Chercher une référence de prêt').fill('cncas-2026-0003');
    const table = page.getByRole('table', { name: 'Garanties de la société' });
    await table.getByRole('row').filter({ hasText: 'CNCAS-2026-0001' }).waitFor({ state: 'detached' });
    expect(await table.innerText()).toContain('Atelier Ndiaye Couture');
    await table.getByRole('link', { name: 'CNCAS-2026-0003' }).click();
    await page.getByRole('heading', { level: 1, name: 'Garantie du prêt CNCAS-2026-0003' }).waitFor();
    await h.seeStat(page, 'État', 'En cours');
    await h.seeStat(page, 'Membre', 'Atelier Ndiaye Couture');
    await h.shot('guarantee-officer-guarantee-detail');

    // The default: the call, the claim paid from the fund, a recovery.
    expect(await page.getByRole('heading', { name: 'Paiement de la réclamation' }).count()).toBe(0);
    await form('Appel en garantie (défaut)').getByLabel("Date de l'appel").fill('2026-10-01');
    await page.getByRole('button', { name: 'Appeler la garantie' }).click();
    expect(await h.confirmDialog("Confirmer l'appel")).toMatch(figure('1 000 000'));
    await page.getByText(/^Garantie appelée\. Réclamation : 1.000.000/).waitFor();
    await h.seeStat(page, 'État', 'Appelée');
    expect(await page.getByRole('button', { name: 'Appeler la garantie' }).count()).toBe(0);
    const gauge = page.locator('figure.gauge figcaption');
    await gauge.getByText(xof('1 000 000', ': ')).waitFor();

    await form('Paiement de la réclamation').getByLabel('Date du paiement').fill('2026-10-15');
    await page.getByRole('button', { name: 'Payer la réclamation' }).click();
    expect(await h.confirmDialog('Confirmer le paiement')).toMatch(figure('1 000 000'));
    await page.getByText(/^Réclamation payée : 1.000.000.*Fonds de garantie : 9.000.000/).waitFor();
    await h.stat(page, 'Réclamation payée').getByText(figure('1 000 000')).waitFor();
    // Paid: no claim payment offered any more.
    expect(await page.getByRole('form', { name: 'Paiement de la réclamation' }).count()).toBe(0);
    expect(await page.getByText('Paiement de la réclamation').count()).toBe(0);
    await gauge.getByText(xof('-4 000 000', ': ')).waitFor();

    await form('Recouvrement').getByLabel('Montant recouvré').fill('600 000');
    await form('Recouvrement').getByLabel('Date de réception').fill('2026-11-15');
    await page.getByRole('button', { name: 'Enregistrer le recouvrement' }).click();
    expect(await h.confirmDialog('Confirmer le recouvrement')).toMatch(figure('600 000'));
    await page.getByText(/^Recouvrement enregistré : 600.000.*Fonds de garantie : 9.600.000/).waitFor();
    await h.stat(page, 'Recouvré').getByText(figure('600 000')).waitFor();
    await gauge.getByText(xof('-1 000 000', ': ')).waitFor();

    // The company page: its figures, members and conventions, names everywhere.
    await page.getByRole('link', { name: 'Mutuelle de caution de Thiès' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mutuelle de caution de Thiès' }).waitFor();
    await h.stat(page, 'Fonds de garantie').getByText(figure('9 600 000')).waitFor();
    await headroom('-1 000 000');
    expect(await page.getByRole('table', { name: 'Membres de la société' }).innerText()).toContain('1 défaut');
    await h.shot('guarantee-officer-company');

    // A withdrawal past the headroom: refused with its figures; with an override and a reason, only proposed.
    const withdraw = form('Retrait du fonds de garantie');
    const withdrawal = async () => {
      await withdraw.getByLabel('Dépôt').selectOption({ index: 1 });
      await withdraw.getByLabel('Montant à retirer').fill('1 000 000');
      await withdraw.getByLabel('Date du retrait').fill('2026-11-20');
      await withdraw.getByRole('button', { name: 'Retirer' }).click();
      return h.confirmDialog('Confirmer le retrait');
    };
    expect(await withdrawal()).toMatch(figure('1 000 000'));
    await withdraw.getByText(/^Retirer 1.000.000\sXOF laisserait/).waitFor();
    await withdraw.getByLabel('Passer outre la capacité disponible').check();
    await withdraw.getByLabel('Motif').fill('Échéance du dépôt à terme : replacement à la BICIS');
    await withdrawal();
    await page
      .getByRole('status')
      .getByText("En attente d'une seconde personne : Retrait du fonds de garantie.")
      .waitFor();
    expect(await page.getByText(/^Retrait de .* enregistré/).count()).toBe(0);
    const fundNow = async () =>
      ((await officer.get(`/guarantee-companies/${companyId}`)) as { fundBalance: { amountMinor: string } }).fundBalance
        .amountMinor;
    expect(await fundNow()).toBe('9600000');

    // The four-eyes policy: none; a threshold set; it opens filled; the same again changes nothing; a weakening waits.
    await go('Règles à quatre yeux', 'Règles à quatre yeux');
    await page.getByText("Aucune politique définie : aucune opération n'exige de seconde personne.").waitFor();
    expect(await officer.get(`/guarantee-companies/${companyId}/approval-policy`)).toEqual({
      companyId,
      currency: 'XOF',
      policy: null,
    });
    await page.getByLabel("Émission d'une garantie au-delà de").fill('5 000 000');
    await page.getByRole('button', { name: 'Enregistrer la politique' }).click();
    await page.getByText("Politique enregistrée : elle s'applique dès maintenant.").waitFor();
    await page.reload();
    await page.getByText('Politique des quatre yeux en vigueur — Mutuelle de caution de Thiès').waitFor();
    expect(await page.getByLabel("Émission d'une garantie au-delà de").inputValue()).toMatch(figure('5 000 000'));
    await page.getByRole('button', { name: 'Enregistrer la politique' }).click();
    await page.getByText("Rien n'a changé : c'est déjà la politique en vigueur.").waitFor();
    await page.getByLabel("Émission d'une garantie au-delà de").fill('');
    await page.getByRole('button', { name: 'Enregistrer la politique' }).click();
    await page
      .getByRole('status')
      .getByText(/^En attente d'une seconde personne : modification de la politique\./)
      .waitFor();
    expect(
      ((await officer.get(`/guarantee-companies/${companyId}/approval-policy`)) as { policy: unknown }).policy,
    ).toEqual({
      issueGuaranteeAbove: { amountMinor: '5000000', currency: 'XOF' },
      correctionsNeedSecondPerson: false,
      proposalTtlHours: 48,
    });
    // Above the threshold in force (5 000 000 XOF guaranteed), an issuance only waits for a second person.
    await go('Sociétés', 'Sociétés de caution mutuelle');
    await page.getByRole('link', { name: 'Mutuelle de caution de Thiès' }).click();
    await deposit.getByLabel('Montant', { exact: true }).fill('20 000 000');
    await deposit.getByLabel('Référence du dépôt à terme').fill('DAT-CNCAS-2026-002');
    await deposit.getByLabel('Date du dépôt').fill('2026-11-25');
    await deposit.getByRole('button', { name: 'Enregistrer le dépôt' }).click();
    await page.getByText(/^Dépôt de 20.000.000\sXOF enregistré\./).waitFor();
    await go('Garanties', 'Garanties');
    await issue(members[0], 'CNCAS-2026-0005', '20 000 000', '2026-11-26');
    await page.getByRole('status').getByText("En attente d'une seconde personne : Émettre une garantie.").waitFor();
    expect(await page.getByText(/^Garantie émise pour le prêt CNCAS-2026-0005/).count()).toBe(0);
    expect(((await officer.get(`/guarantees?companyId=${companyId}`)) as { items: unknown[] }).items).toHaveLength(3);

    await go('Accueil', 'Tableau de bord des garanties');
    await h.shot('guarantee-officer-dashboard');

    // The second guarantee officer confirms the withdrawal in Propositions: then it is recorded.
    await h.signOut();
    await h.signIn(h.keys.secondGuaranteeOfficer);
    await go('Propositions', 'Propositions');
    const proposal = (name: string) => page.locator('li.proposal').filter({ hasText: name });
    await proposal('Assouplissement de la politique des quatre yeux').waitFor();
    await proposal('Retrait du fonds de garantie').getByRole('button', { name: 'Confirmer' }).click();
    expect(await h.confirmDialog('Confirmer')).toMatch(figure('1 000 000'));
    await page.getByText('Retrait du fonds de garantie : confirmée et inscrite au registre.').waitFor();
    expect(await fundNow()).toBe('28600000');
  });
});
