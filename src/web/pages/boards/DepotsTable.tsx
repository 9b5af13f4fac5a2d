/** The national-stock depots (all of them on the national board, the region's on a regional one). */
import { useTranslation } from 'react-i18next';
import type { TNationalBoard } from '../../../contracts/boards.ts';
import { formatNumber } from '../../components/format.ts';
import { DataTable } from '../../components/ListParts.tsx';
import { CountHeader, NumHeader } from './BoardTable.tsx';

type DepotRow = TNationalBoard['nationalStock']['depots'][number];

export function DepotsTable(props: {
  depots: readonly DepotRow[];
  regionName?: (code: string) => string;
  caption: string;
}) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <DataTable
      caption={props.caption}
      className="board-table"
      columns={
        <>
          <th scope="col">{t('boards.depots.name')}</th>
          {props.regionName ? <th scope="col">{t('boards.depots.region')}</th> : null}
          <CountHeader status="available" />
          <CountHeader status="lent" />
          <CountHeader status="maintenance" />
          <NumHeader>{t('boards.counts.total')}</NumHeader>
          <NumHeader>{t('boards.board.circuits')}</NumHeader>
        </>
      }
      colSpan={props.regionName ? 7 : 6}
      empty={t('boards.depots.empty')}
      rows={props.depots.map((d) => (
        <tr key={d.id}>
          <th scope="row">
            <span className="depot-name">{d.name}</span> <span className="mono muted">{d.id}</span>
          </th>
          {props.regionName ? <td>{props.regionName(d.regionCode)}</td> : null}
          <td className="cell-num cell-strong">{n(d.consoles.available)}</td>
          <td className="cell-num">{n(d.consoles.lent)}</td>
          <td className="cell-num">{n(d.consoles.maintenance)}</td>
          <td className="cell-num">{n(d.consoles.total)}</td>
          <td className="cell-num">{n(d.circuits)}</td>
        </tr>
      ))}
    />
  );
}
