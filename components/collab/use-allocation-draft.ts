'use client';

import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { useTRPC } from '../trpc-provider';

const COLOURS = ['#b91c1c', '#1d4ed8', '#047857', '#a21caf', '#c2410c', '#0e7490', '#4d7c0f', '#6d28d9'];

export interface Peer {
  clientId: number;
  name: string;
  colour: string;
  editing: string | null;
  self: boolean;
}

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

/**
 * Joins the PPA's shared allocation draft: a Yjs document over the app's websocket, with a short-lived
 * token refreshed every minute (so reconnecting works), presence (awareness), and the draft's state.
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

  useEffect(() => {
    let cancelled = false;
    let refresh: ReturnType<typeof setInterval> | undefined;
    void issueToken.mutateAsync({ ppaId }).then(
      ({ token, mode: granted }) => {
        if (cancelled) return;
        setMode(granted);
        const base = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/collab`;
        const provider = new WebsocketProvider(base, ppaId, doc, { params: { token }, disableBc: true });
        providerRef.current = provider;
        provider.on('status', ({ status }: { status: ConnectionState }) => setConnection(status));
        const colour = COLOURS[doc.clientID % COLOURS.length]!;
        provider.awareness.setLocalStateField('user', { name: userName, colour });
        const readPeers = () =>
          setPeers(
            [...provider.awareness.getStates().entries()].flatMap(([clientId, state]) => {
              const user = state.user as { name: string; colour: string } | undefined;
              return user ? [{ clientId, name: user.name, colour: user.colour, editing: (state.editing as string | null) ?? null, self: clientId === doc.clientID }] : [];
            }),
          );
        provider.awareness.on('change', readPeers);
        readPeers();
        refresh = setInterval(() => {
          void issueToken.mutateAsync({ ppaId }).then(({ token: next }) => (provider.params = { token: next }), () => undefined);
        }, 60_000);
      },
      (err: Error) => setError(err.message),
    );
    const onChange = () => setVersion((v) => v + 1);
    doc.on('update', onChange);
    return () => {
      cancelled = true;
      clearInterval(refresh);
      doc.off('update', onChange);
      providerRef.current?.destroy();
    };
    // One connection per page: issueToken is stable for this purpose.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ppaId, doc, userName]);

  const setEditing = (rowId: string | null) => providerRef.current?.awareness.setLocalStateField('editing', rowId);
  return { doc, mode, connection, peers, version, error, setEditing };
}
