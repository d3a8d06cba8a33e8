/** The demo organisation: fixed ids so every seed run names the same people. */
export const DEMO_ADMIN_ID = 'a0000000-0000-4000-8000-000000000001';
export const DEMO_ADMIN_TOKEN_ID = 'a0000000-0000-4000-8000-0000000000f1';

export const demoPeople = [
  {
    id: DEMO_ADMIN_ID,
    name: 'Jordan Blake',
    email: 'jordan.blake@acme.example',
    discipline: 'EXECUTIVE',
    accessLevel: 'ADMIN',
  },
  {
    id: 'a0000000-0000-4000-8000-000000000002',
    name: 'Avery Chen',
    email: 'avery.chen@acme.example',
    discipline: 'PM',
    accessLevel: 'MEMBER',
  },
  {
    id: 'a0000000-0000-4000-8000-000000000003',
    name: 'Priya Natarajan',
    email: 'priya.natarajan@acme.example',
    discipline: 'PM',
    accessLevel: 'MEMBER',
  },
  {
    id: 'a0000000-0000-4000-8000-000000000004',
    name: 'Sam Okafor',
    email: 'sam.okafor@acme.example',
    discipline: 'PMM',
    accessLevel: 'MEMBER',
  },
  {
    id: 'a0000000-0000-4000-8000-000000000005',
    name: 'Lena Fischer',
    email: 'lena.fischer@acme.example',
    discipline: 'PMM',
    accessLevel: 'MEMBER',
  },
  {
    id: 'a0000000-0000-4000-8000-000000000006',
    name: 'Diego Alvarez',
    email: 'diego.alvarez@acme.example',
    discipline: 'ENGINEERING',
    accessLevel: 'MEMBER',
  },
  {
    id: 'a0000000-0000-4000-8000-000000000007',
    name: 'Mei Tanaka',
    email: 'mei.tanaka@acme.example',
    discipline: 'ENGINEERING',
    accessLevel: 'MEMBER',
  },
  {
    id: 'a0000000-0000-4000-8000-000000000008',
    name: 'Noah Williams',
    email: 'noah.williams@acme.example',
    discipline: 'DESIGN',
    accessLevel: 'MEMBER',
  },
  {
    id: 'a0000000-0000-4000-8000-000000000009',
    name: 'Grace Kim',
    email: 'grace.kim@acme.example',
    discipline: 'SALES',
    accessLevel: 'MEMBER',
  },
  {
    id: 'a0000000-0000-4000-8000-00000000000a',
    name: 'Omar Haddad',
    email: 'omar.haddad@acme.example',
    discipline: 'MARKETING',
    accessLevel: 'MEMBER',
  },
  {
    id: 'a0000000-0000-4000-8000-00000000000b',
    name: 'Chloe Martin',
    email: 'chloe.martin@acme.example',
    discipline: 'SUPPORT',
    accessLevel: 'MEMBER',
  },
  {
    id: 'a0000000-0000-4000-8000-00000000000c',
    name: 'Rafael Costa',
    email: 'rafael.costa@acme.example',
    discipline: 'LEGAL',
    accessLevel: 'MEMBER',
  },
  {
    id: 'a0000000-0000-4000-8000-00000000000d',
    name: 'Ella Novak',
    email: 'ella.novak@acme.example',
    discipline: 'SALES',
    accessLevel: 'VIEWER',
  },
] as const;
