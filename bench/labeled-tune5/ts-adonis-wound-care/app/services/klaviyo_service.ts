import { ApiKeySession, ProfilesApi, EventsApi } from 'klaviyo-api'
import env from '#start/env'

const session = new ApiKeySession(env.get('KLAVIYO_API_KEY'))
const profiles = new ProfilesApi(session)
const events = new EventsApi(session)

export default class KlaviyoService {
  async upsertProfile(email: string, attrs: Record<string, unknown>) {
    return profiles.createOrUpdateProfile({
      data: { type: 'profile' as any, attributes: { email, properties: attrs } },
    })
  }

  async event(email: string, metric: string, props: Record<string, unknown>) {
    return events.createEvent({
      data: {
        type: 'event' as any,
        attributes: {
          properties: props,
          metric: { data: { type: 'metric' as any, attributes: { name: metric } } },
          profile: { data: { type: 'profile' as any, attributes: { email } } },
        },
      },
    })
  }
}
