import './fonts.css'
import './deck.css'
import './presenter.css'
