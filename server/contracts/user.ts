import { z } from './zod';
import { MIN_PASSWORD_LENGTH } from '../domain/accounts';
import { USER_ROLES } from '../domain/types';
import { changesSomething, zId } from './shared';

const zEmail = z
  .string({ error: 'Enter an email address, like name@mssd.bangsamoro.gov.ph.' })
  .trim()
  .toLowerCase()
  .max(320, 'That email address is too long.')
  .pipe(z.email({ error: 'Enter an email address, like name@mssd.bangsamoro.gov.ph.' }));
const zPersonName = z.string().trim().min(1, 'Enter the person’s name.').max(200, 'Keep the name under 200 characters.');
const zRole = z.enum(USER_ROLES, { error: `Choose a role: ${USER_ROLES.join(', ')}.` });

export const zUserSummary = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: zRole,
  moaId: z.string().nullable(),
  moaCode: z.string().nullable(),
  active: z.boolean(),
  hasPassword: z.boolean(),
  createdAt: z.string(),
});

export const zPasswordLink = z.object({ url: z.string(), expiresAt: z.string() });

export const zCreateUserRequest = z.object({
  email: zEmail,
  name: zPersonName,
  role: zRole,
  moaId: zId.nullable().optional(),
});

export const zUpdateUserRequest = z
  .object({
    id: z.string().min(1).max(100),
    name: zPersonName.optional(),
    role: zRole.optional(),
    moaId: zId.nullable().optional(),
    active: z.boolean({ error: 'active is true (may sign in) or false (deactivated).' }).optional(),
  })
  .superRefine(changesSomething);

const zLinkToken = z.string().min(1, 'This link is incomplete; open the whole link you were sent.').max(200);

export const zCheckPasswordLinkRequest = z.object({ token: zLinkToken });

export const zSetPasswordRequest = z.object({
  token: zLinkToken,
  password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`).max(200, 'Use at most 200 characters.'),
});
