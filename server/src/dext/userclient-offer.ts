// Whether a dext offers a user client: a personality declares `UserClientProperties`, or one of
// its classes overrides `NewUserClient` (the class model of the .iig files says so).
import { getClassModel } from '../workspace/classes';
import type { DextProduct } from '../workspace/model';
import type { Workspace } from '../workspace/workspace';
import { personalitiesOf } from './context';

export function dextOffersUserClient(workspace: Workspace, dext: DextProduct): boolean {
  const infoPlist = dext.infoPlist;
  if (infoPlist && personalitiesOf(infoPlist).some((p) => p.hasUserClientProperties)) return true;
  return getClassModel(workspace).offersUserClient(dext);
}
