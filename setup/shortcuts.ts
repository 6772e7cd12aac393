import { defineShortcutsSetup } from '@slidev/types'
import { room } from './room.ts'

/** T: back to the talk, for the room's audience after paging on their own (components/RoomFollow.vue). */
export default defineShortcutsSetup((_nav, shortcuts) => [
  ...shortcuts,
  {
    name: 'follow_the_talk',
    key: 't',
    fn: () => room.following && room.rejoin(),
  },
])
