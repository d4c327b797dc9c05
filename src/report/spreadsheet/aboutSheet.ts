/**
 * The "Om modellen" sheet: what the model is, what it was trained and validated on, and how to use the
 * workbook, in Danish, with the statement that the score supports and does not replace the
 * caseworker's judgement.
 */
import type ExcelJS from 'exceljs';
import type { ModelArtifact } from '../../model/artifact/artifactSchema.js';
import { PDF_TEXT_DA } from '../../i18n/da.js';
import { formatDateTimeDa, formatNumberDa } from '../../i18n/format.js';
import { fitRowHeight, protectSheet, styleNote, styleSection, styleTitle, styleWarning } from './styles.js';

type Fact = [label: string, value: string | number | null, format?: string];

/** The Danish steps for using the workbook, shown on the sheet. */
export function usageSteps(cutoff: number): string[] {
  return [
    'Gå til arket "Beregning". Skriv eller vælg medlemmets oplysninger i de gule felter. Rullemenuerne viser de værdier, modellen kender.',
    'Ja/Nej-spørgsmål besvares med Ja eller Nej. Ved spørgsmål 10 vælger du Ja ud for hvert forhold, medlemmet har sat kryds ved; et tomt felt tæller som Nej.',
    'Et tomt felt betyder "ukendt". Har modellen et led for ukendt, bruges det. Ellers viser resultatet #I/T (#N/A), og kolonne C fortæller, hvilken oplysning der mangler eller er ugyldig.',
    `Øverst står sandsynligheden for langtidsledighed og målgruppen: målgruppe 2, når sandsynligheden er mindst ${formatNumberDa(cutoff * 100, 2)} %, ellers målgruppe 1.`,
    'Under "Beregning led for led" kan udregningen følges: hvert leds værdi ganges med koefficienten fra arket "Koefficienter", summen er den lineære prædiktor (log-odds), og sandsynligheden er 1 / (1 + e^(−summen)). Det er samme beregning og samme tal, som tjenesten giver for det samme medlem.',
    'Arkene er beskyttet uden adgangskode, så en formel ikke overskrives ved en fejl. Beskyttelsen kan fjernes under Gennemse › Fjern arkbeskyttelse (Excel) eller Funktioner › Beskyt ark (LibreOffice).',
  ];
}

/** Fills the about sheet and protects it. */
export async function fillAboutSheet(ws: ExcelJS.Worksheet, artifact: ModelArtifact, simulatedWarning: string | null): Promise<void> {
  const valueWidth = 100;
  ws.columns = [{ width: 44 }, { width: valueWidth }];
  ws.getCell('A1').value = `Om modellen ${artifact.version}`;
  styleTitle(ws.getCell('A1'));
  let row = 3;
  if (simulatedWarning) {
    ws.getCell(row, 1).value = simulatedWarning;
    styleWarning(ws, row, 2);
    ws.getRow(row).height = 34;
    row += 2;
  }
  const t = artifact.training;
  const v = artifact.validation;
  const yesNo = (b: boolean) => (b ? 'Ja' : 'Nej');
  const sections: [string, Fact[]][] = [
    [
      'Modellen',
      [
        ['Version', artifact.version],
        ['Beskrivelse', artifact.description],
        ['Oprettet', formatDateTimeDa(artifact.createdAt)],
        ['Trænet på simulerede data', artifact.simulatedData ? 'JA – kun til afprøvning og demonstration, ikke til rigtige medlemmer' : 'Nej (registerdata)'],
        ['Grænse for målgruppe 2 (sandsynlighed ≥)', artifact.cutoff.probability, '0.0%'],
        ['Kontrolsum af modelfilen (SHA-256)', artifact.checksum.value],
      ],
    ],
    [
      'Træningsdata',
      [
        ['Datafil', t.dataFile],
        ['Datafilens SHA-256', t.dataSha256],
        ['Forløb brugt til estimation', t.rows, '#,##0'],
        ['Heraf langtidsledige', t.events, '#,##0'],
        ['Censurerede forløb (52 uger ikke afsluttet, udeladt)', t.censored ?? 'ikke oplyst', '#,##0'],
        ['Periode', t.dateRange ? `${t.dateRange.from} – ${t.dateRange.to}${t.dateColumn ? ` (${t.dateColumn})` : ''}` : 'ikke oplyst'],
        ['Opdeling i estimation og validering', t.split],
        ['Seed', t.seed],
        ['L2-straf (ridge)', t.l2],
        ['Iterationer / konvergeret', `${t.iterations} / ${yesNo(t.converged)}`],
        ['Log-likelihood (nulmodellens)', `${formatNumberDa(t.logLik, 2)} (${formatNumberDa(t.nullLogLik, 2)})`],
        ['AIC', t.aic, '0.00'],
        ['Advarsler fra estimationen', t.warnings.length > 0 ? t.warnings.join('; ') : 'ingen'],
        ['Trænet', `${formatDateTimeDa(t.trainedAt)} med ledighedsprofil ${t.packageVersion}, Node ${t.nodeVersion}`],
        ['Kommando', t.command],
      ],
    ],
    [
      'Validering på data, der ikke indgik i estimationen',
      v === null
        ? [['Validering', 'ingen (modellen er ikke valideret på tilbageholdte data)']]
        : [
            ['Type', { holdout: 'tilfældigt tilbageholdte forløb', temporal: 'senere forløb (tidsmæssig validering)', external: 'ekstern validering' }[v.kind]],
            ['Beskrivelse', v.description],
            ['Forløb / heraf langtidsledige', `${formatNumberDa(v.rows)} / ${formatNumberDa(v.events)}`],
            ['Forløb, der ikke kunne beregnes', v.unscorable, '#,##0'],
            ['AUC (C-statistik)', v.auc, '0.0000'],
            ['Brier-score', v.brier, '0.0000'],
            ['Log-loss', v.logLoss, '0.0000'],
            ['Gennemsnitlig beregnet sandsynlighed', v.meanPredicted, '0.00%'],
            ['Observeret andel langtidsledige', v.observedRate, '0.00%'],
          ],
    ],
  ];
  for (const [title, facts] of sections) {
    ws.getCell(row, 1).value = title;
    styleSection(ws.getCell(row++, 1));
    for (const [label, value, format] of facts) {
      ws.getCell(row, 1).value = label;
      const cell = ws.getCell(row, 2);
      cell.value = value ?? 'ikke oplyst';
      cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
      if (format && typeof value === 'number') cell.numFmt = format;
      if (typeof value === 'string') fitRowHeight(ws.getRow(row), value, valueWidth);
      ws.getCell(row, 1).alignment = { vertical: 'top' };
      row++;
    }
    row++;
  }
  ws.getCell(row, 1).value = 'Sådan bruger du regnearket';
  styleSection(ws.getCell(row++, 1));
  usageSteps(artifact.cutoff.probability).forEach((step, i) => {
    ws.getCell(row, 1).value = `${i + 1}.`;
    ws.getCell(row, 1).alignment = { horizontal: 'right', vertical: 'top' };
    ws.getCell(row, 2).value = step;
    ws.getCell(row, 2).alignment = { wrapText: true, vertical: 'top' };
    fitRowHeight(ws.getRow(row), step, valueWidth);
    row++;
  });
  row++;
  ws.getCell(row, 1).value = 'Vigtigt';
  styleSection(ws.getCell(row++, 1));
  ws.getCell(row, 2).value = PDF_TEXT_DA.statement;
  styleNote(ws.getCell(row, 2));
  ws.getCell(row, 2).font = { bold: true };
  fitRowHeight(ws.getRow(row), PDF_TEXT_DA.statement, valueWidth * 0.9);
  ws.pageSetup = { orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 };
  await protectSheet(ws);
}
