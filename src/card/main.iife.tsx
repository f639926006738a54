/**
 * Card UI entry: injected into a frame by the background when the page layer asks (in idle time
 * once the frame has marks, or on first use; never on page load, never on a page without marks),
 * then registered for the page layer through `shared/card-bridge.ts`. Registering adds nothing to
 * the page: the card's element is made when a card is first shown. Everything the card needs
 * (Preact, Floating UI, the full dataset) is in this chunk, so pages without marks pay nothing.
 *
 * Owns: registration. Never: runs twice in a frame (a second injection keeps the first card).
 */
import dataset from 'virtual:cc-dataset';
import { registerCard, registeredCard } from '../shared/card-bridge.ts';
import { createCard } from './controller.tsx';

if (!registeredCard()) registerCard(createCard(dataset));
