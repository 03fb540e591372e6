/* pa-agent.h — a person who owns SIP accounts and phones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-resource.h"

G_BEGIN_DECLS

/**
 * PaAgentRouting:
 * @PA_AGENT_ROUTING_SOFTPHONE: calls go to the softphone (`softphone`).
 * @PA_AGENT_ROUTING_HARDWARE: calls go to the desk phone (`hardware`).
 */
typedef enum
{
  PA_AGENT_ROUTING_SOFTPHONE,
  PA_AGENT_ROUTING_HARDWARE,
} PaAgentRouting;

#define PA_TYPE_AGENT_ROUTING (pa_agent_routing_get_type ())
GType pa_agent_routing_get_type (void) G_GNUC_CONST;

#define PA_TYPE_AGENT (pa_agent_get_type ())

G_DECLARE_FINAL_TYPE (PaAgent, pa_agent, PA, AGENT, PaResource)

/* JSON members, in order: id, revision, name, extension, email, routing. */
PaAgent        *pa_agent_new           (void);

const char     *pa_agent_get_name      (PaAgent        *self);   /* "" when unset */
void            pa_agent_set_name      (PaAgent        *self,
                                        const char     *name);
const char     *pa_agent_get_extension (PaAgent        *self);   /* "" when unset */
void            pa_agent_set_extension (PaAgent        *self,
                                        const char     *extension);
const char     *pa_agent_get_email     (PaAgent        *self);   /* nullable */
void            pa_agent_set_email     (PaAgent        *self,
                                        const char     *email);
PaAgentRouting  pa_agent_get_routing   (PaAgent        *self);
void            pa_agent_set_routing   (PaAgent        *self,
                                        PaAgentRouting  routing);

G_END_DECLS
