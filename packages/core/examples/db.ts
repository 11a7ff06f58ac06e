// Your app's own users, as the README's "Your app's session" example uses them (an in-memory stand-in).
const users = new Map<string, { id: string; role: 'admin' | 'member'; banned: boolean }>();

export const db = {
  async findOrCreateUser(livepushId: string | null) {
    const key = livepushId ?? 'anonymous';
    const user = users.get(key) ?? { id: `user-${users.size + 1}`, role: 'member' as const, banned: false };
    users.set(key, user);
    return user;
  },
};
