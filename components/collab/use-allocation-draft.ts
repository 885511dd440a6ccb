'use client';

import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { useTRPC } from '../trpc-provider';
import { openDraftConnection, type ConnectionState } from './draft-connection';

const COLOURS = ['#b91c1c', '#1d4ed8', '#047857', '#a21caf', '#c2410c', '#0e7490', '#4d7c0f', '#6d28d9'];

export interface Peer {
  clientId: number;
  name: string;
  colour: string;
  editing: string | null;
  self: boolean;
}

/**
 * Joins the PPA's shared allocation draft: a Yjs document over the app's websocket (see draft-connection.ts for
 * tokens and reconnecting), presence (awareness), and the draft's state. `refused` is why the server stopped
 * taking this browser's changes (too large), for the form to show.
 */
export function useAllocationDraft(ppaId: string, userName: string) {
  const trpc = useTRPC();
  const issueToken = useMutation(trpc.collab.token.mutationOptions());
  const [doc] = useState(() => new Y.Doc());
  const providerRef = useRef<WebsocketProvider | null>(null);
  const [mode, setMode] = useState<'edit' | 'read' | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [peers, setPeers] = useState<Peer[]>([]);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let close: (() => void) | undefined;
    void issueToken.mutateAsync({ ppaId }).then(
      (token) => {
        if (cancelled) return;
        setMode(token.mode);
        const { provider, destroy } = openDraftConnection({
          serverUrl: `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/collab`,
          ppaId,
          doc,
          token,
          fetchToken: () => issueToken.mutateAsync({ ppaId }),
          onStatus: setConnection,
          onRefused: setRefused,
          onTokenError: (err) => setError(err.message),
          onMode: setMode,
        });
        providerRef.current = provider;
        close = destroy;
        const colour = COLOURS[doc.clientID % COLOURS.length]!;
        provider.awareness.setLocalStateField('user', { name: userName, colour });
        const readPeers = () =>
          setPeers(
            [...provider.awareness.getStates().entries()].flatMap(([clientId, state]) => {
              const user = state.user as { name: string; colour: string } | undefined;
              return user
                ? [{ clientId, name: user.name, colour: user.colour, editing: (state.editing as string | null) ?? null, self: clientId === doc.clientID }]
                : [];
            }),
          );
        provider.awareness.on('change', readPeers);
        readPeers();
      },
      (err: Error) => setError(err.message),
    );
    const onChange = () => setVersion((v) => v + 1);
    doc.on('update', onChange);
    return () => {
      cancelled = true;
      doc.off('update', onChange);
      close?.();
    };
    // One connection per page: issueToken is stable for this purpose.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ppaId, doc, userName]);

  const setEditing = (rowId: string | null) => providerRef.current?.awareness.setLocalStateField('editing', rowId);
  return { doc, mode, connection, peers, version, error, refused, setEditing };
}
