/**
 * Which flow spec(s) of the target sandbox a promoted connection spec is registered in. The rule, in order:
 *
 * 1. `given`: the flow spec the caller named (id or exact name, looked up in the target sandbox);
 * 2. the flow specs of the SOURCE sandbox whose `sourceConnectionSpecIds` list the source spec, each mapped to the
 *    target sandbox by id (`same-id`: the platform's flow specs such as RestStorageToAEP have the same id in every
 *    sandbox) or, failing that, by exact name (`same-name`); a source flow spec with no counterpart (or several of the
 *    same name) stops the promotion before anything is sent, naming the flow spec;
 * 3. `default-for-type`: not registered anywhere in the source, the flow spec its `type` belongs to
 *    (`generic-rest` → RestStorageToAEP, `generic-streaming` → GenericStreamingAEP), as `sources-sdk register` does;
 * 4. otherwise nothing is registered, and {@link RegistrationTargets.skipped} says why.
 *
 * Only connection specs are registered; a promoted flow spec has no registration step.
 */
import { FlowServiceError } from '../api/errors';
import { findSpecsByName } from '../api/nameLookup';
import { resolveRemote } from './operations';
import type { FlowServiceClient, RemoteSpec } from '../api/types';
import { defaultFlowSpecFor } from './register';

/** How a target flow spec was chosen; see this module's comment. */
export type FlowSpecRule = 'given' | 'same-id' | 'same-name' | 'default-for-type';

/** One flow spec of the target sandbox the promoted spec will be registered in. */
export interface FlowSpecTarget {
  /** The flow spec in the target sandbox, as read while planning. */
  flowSpec: RemoteSpec;
  rule: FlowSpecRule;
  /** `same-id` / `same-name`: the id of the flow spec in the source sandbox that lists the spec. */
  sourceFlowSpecId?: string;
  /** True when the target spec already exists and this flow spec already lists it (registering changes nothing). */
  alreadyRegistered: boolean;
}

export interface RegistrationTargets {
  targets: FlowSpecTarget[];
  /** Why nothing will be registered, when `targets` is empty. */
  skipped?: string;
}

function idsOf(flowSpec: RemoteSpec): string[] {
  const ids = flowSpec.sourceConnectionSpecIds;
  return Array.isArray(ids) ? ids.filter((v): v is string => typeof v === 'string') : [];
}

async function getIfExists(client: FlowServiceClient, id: string, signal?: AbortSignal): Promise<RemoteSpec | undefined> {
  try {
    return await client.get('flowSpecs', id, { signal });
  } catch (err) {
    if (err instanceof FlowServiceError && err.kind === 'not-found') return undefined;
    throw err;
  }
}

export interface RegistrationTargetOptions {
  from: FlowServiceClient;
  to: FlowServiceClient;
  /** The connection spec in the source sandbox. */
  source: RemoteSpec;
  /** Its id in the target sandbox, when it exists there already. */
  targetId?: string;
  /** Flow spec id or exact name in the target sandbox, overriding the rule. */
  flowSpec?: string;
  signal?: AbortSignal;
}

/** Works out the target flow specs by the rule of this module; reads only. */
export async function registrationTargets(options: RegistrationTargetOptions): Promise<RegistrationTargets> {
  const { from, to, source, targetId, signal } = options;
  const target = (flowSpec: RemoteSpec, rule: FlowSpecRule, sourceFlowSpecId?: string): FlowSpecTarget => ({
    flowSpec, rule, sourceFlowSpecId, alreadyRegistered: targetId !== undefined && idsOf(flowSpec).includes(targetId),
  });
  if (options.flowSpec) return { targets: [target(await resolveRemote(to, 'flowSpecs', options.flowSpec, signal), 'given')] };

  const listing = (await from.list('flowSpecs', { signal })).filter((flowSpec) => idsOf(flowSpec).includes(source.id));
  if (listing.length > 0) {
    const targets: FlowSpecTarget[] = [];
    for (const inSource of listing) {
      const sameId = await getIfExists(to, inSource.id, signal);
      if (sameId) {
        targets.push(target(sameId, 'same-id', inSource.id));
        continue;
      }
      const sameName = typeof inSource.name === 'string' ? await findSpecsByName(to, 'flowSpecs', inSource.name, signal) : [];
      if (sameName.length !== 1) {
        throw new FlowServiceError(
          `The source sandbox registers ${source.name} in flow spec ${inSource.name} (${inSource.id}), which ` +
            (sameName.length === 0 ? 'has no flow spec of the same id or name in the target sandbox' : `matches ${sameName.length} flow specs by name in the target sandbox`) +
            ': name the target flow spec explicitly. Nothing was sent.',
          'config',
        );
      }
      targets.push(target(sameName[0]!, 'same-name', inSource.id));
    }
    return { targets };
  }

  const byType = defaultFlowSpecFor(source.type);
  if (!byType) {
    return { targets: [], skipped: `${source.name} is registered in no flow spec of the source sandbox and its type ${JSON.stringify(source.type)} names none` };
  }
  const flowSpec = await getIfExists(to, byType, signal);
  if (!flowSpec) {
    throw new FlowServiceError(`The target sandbox has no flow spec ${byType} for connection specs of type ${String(source.type)}: name the target flow spec explicitly. Nothing was sent.`, 'config');
  }
  return { targets: [target(flowSpec, 'default-for-type')] };
}
