'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AllocationNodeShape, AllocationTreeResponse } from '@/server/contracts/budget';
import { useTRPC } from '../trpc-provider';

function patchNode(node: AllocationNodeShape, id: string, patch: Partial<AllocationNodeShape>): AllocationNodeShape {
  if (node.id === id) return { ...node, ...patch };
  return { ...node, children: node.children.map((c) => patchNode(c, id, patch)) };
}

/**
 * The tree's mutations. Each refreshes the tree (and alerts) when it settles; editing a row shows the
 * change at once and rolls it back if the server refuses.
 */
export function useTreeMutations(ppaId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const treeKey = trpc.budget.allocationTree.queryKey({ id: ppaId });
  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: treeKey }),
      queryClient.invalidateQueries({ queryKey: trpc.alert.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.budget.progressHistory.queryKey({ id: ppaId }) }),
      // Every change of the tree is a line in the PPA's history.
      queryClient.invalidateQueries({ queryKey: trpc.history.ppa.pathKey() }),
    ]);
  };
  const settle = { onSettled: refresh };

  const update = useMutation(
    trpc.workItem.update.mutationOptions({
      async onMutate(input) {
        await queryClient.cancelQueries({ queryKey: treeKey });
        const previous = queryClient.getQueryData<AllocationTreeResponse>(treeKey);
        if (previous?.tree) {
          const patch: Partial<AllocationNodeShape> = {};
          if (input.title !== undefined) patch.title = input.title;
          if (input.status !== undefined) patch.status = input.status;
          if (input.progress !== undefined) patch.progress = input.progress;
          queryClient.setQueryData<AllocationTreeResponse>(treeKey, { ...previous, tree: patchNode(previous.tree, input.id, patch) });
        }
        return { previous };
      },
      onError(_error, _input, context) {
        if (context?.previous) queryClient.setQueryData(treeKey, context.previous);
      },
      ...settle,
    }),
  );

  const mutations = {
    update,
    add: useMutation(trpc.workItem.add.mutationOptions(settle)),
    move: useMutation(trpc.workItem.move.mutationOptions(settle)),
    remove: useMutation(trpc.workItem.delete.mutationOptions(settle)),
    distribute: useMutation(trpc.budget.distribute.mutationOptions(settle)),
    undo: useMutation(trpc.budget.undoDistribution.mutationOptions(settle)),
    record: useMutation(trpc.workItem.recordExpenditure.mutationOptions(settle)),
    reverse: useMutation(trpc.workItem.reverseExpenditure.mutationOptions(settle)),
    enable: useMutation(trpc.budget.enableTracking.mutationOptions(settle)),
    sync: useMutation(trpc.budget.syncFromWorkItems.mutationOptions(settle)),
  };
  return {
    ...mutations,
    refresh,
    /**
     * Forget every mutation's last result. The dialogs share these mutations, so a dialog opening for another
     * row would otherwise show the error the previous one left (an undo refused on one parent, say).
     */
    resetAll: () => Object.values(mutations).forEach((m) => m.reset()),
  };
}

export type TreeMutations = ReturnType<typeof useTreeMutations>;
