import './wx-app'
