/**
 * The agencies registered in the repository: a profile item per agency, written when an administrator adds its
 * users (`npm run admin -- add-user`), listed through the sharded index (knownAgencies.ts). Submitting writes no
 * profile: the administrators' overview also counts every agency with a version in the year or the year before.
 */
import { table } from './client';
import { KEY, YEAR_INDEX, keys, shardOf } from './table';

export async function recordAgency(agency: string, agencyName: string | null, at: string): Promise<void> {
  const { db } = table();
  await db.update({
    Key: { [KEY.partition]: keys.agency(agency), [KEY.sort]: keys.agencySort },
    UpdateExpression:
      'SET #type = :type, agency = :agency, firstSeen = if_not_exists(firstSeen, :at), #ypk = :ypk, #ysk = :agency' +
      // The registry's official name (nianbao agencies import) wins over the one typed when adding an account.
      (agencyName ? ', agencyName = if_not_exists(agencyName, :name)' : ''),
    ExpressionAttributeNames: { '#type': 'type', '#ypk': YEAR_INDEX.partition, '#ysk': YEAR_INDEX.sort },
    ExpressionAttributeValues: {
      ':type': 'agency',
      ':agency': agency,
      ':at': at,
      ':ypk': keys.agenciesShard(shardOf(agency)),
      ...(agencyName ? { ':name': agencyName } : {}),
    },
  });
}
